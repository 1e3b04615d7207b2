package io.lecturevision.audio.analysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CMU PocketSphinx as Debian packages it ({@code pocketsphinx} and {@code pocketsphinx-en-us}),
 * run as {@code pocketsphinx_batch} on one utterance: batch mode normalises the cepstra over the
 * whole recording, which recognises short lines far better than the live decoder. The process is
 * killed when it runs past the timeout.
 */
public final class PocketSphinx implements SpeechRecognizer {

    public static final String ENGINE = "pocketsphinx";
    public static final String INSTALL = "apt-get install -y --no-install-recommends pocketsphinx pocketsphinx-en-us";

    private final String command;
    private final Path modelDir;
    private final Duration timeout;
    private final Duration maxDuration;

    /** {@code modelDir} holds the acoustic model {@code en-us/}, {@code en-us.lm.bin} and {@code cmudict-en-us.dict}. */
    public PocketSphinx(String command, Path modelDir, Duration timeout, Duration maxDuration) {
        this.command = command;
        this.modelDir = modelDir;
        this.timeout = timeout;
        this.maxDuration = maxDuration;
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public Duration maxDuration() {
        return maxDuration;
    }

    @Override
    public Optional<String> unavailable() {
        if (executable().isEmpty()) {
            return Optional.of(command + " is not installed (" + INSTALL + ")");
        }
        for (Path required : List.of(modelDir.resolve("en-us/mdef"), modelDir.resolve("en-us.lm.bin"),
                modelDir.resolve("cmudict-en-us.dict"))) {
            if (!Files.isReadable(required)) {
                return Optional.of("the pocketsphinx model " + required + " is missing (" + INSTALL + ")");
            }
        }
        return Optional.empty();
    }

    @Override
    public String transcribe(Path pcm) throws IOException, InterruptedException, Failed {
        Path work = Files.createTempDirectory("lv-pocketsphinx-");
        try {
            Files.copy(pcm, work.resolve("utterance.raw"));
            Files.writeString(work.resolve("control"), "utterance\n", StandardCharsets.US_ASCII);
            Process process = new ProcessBuilder(executable().orElseThrow().toString(),
                    "-adcin", "yes", "-adchdr", "0", "-samprate", Integer.toString(SAMPLE_RATE),
                    "-cepdir", work.toString(), "-cepext", ".raw", "-ctl", work.resolve("control").toString(),
                    "-hyp", work.resolve("hypothesis").toString(), "-logfn", work.resolve("log").toString(),
                    "-hmm", modelDir.resolve("en-us").toString(), "-lm", modelDir.resolve("en-us.lm.bin").toString(),
                    "-dict", modelDir.resolve("cmudict-en-us.dict").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new Failed(ENGINE + " did not finish within " + timeout.toSeconds() + " s");
                }
            } finally {
                process.destroyForcibly();
            }
            Path hypothesis = work.resolve("hypothesis");
            if (process.exitValue() != 0 || !Files.exists(hypothesis)) {
                throw new Failed(ENGINE + " exited with status " + process.exitValue());
            }
            return words(Files.readString(hypothesis, StandardCharsets.UTF_8));
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** A hypothesis line is {@code words (utterance score)}; fillers such as {@code <sil>} and {@code [NOISE]} are dropped. */
    static String words(String hypothesis) {
        String line = hypothesis.strip();
        int score = line.lastIndexOf(" (");
        if (line.endsWith(")") && score >= 0) {
            line = line.substring(0, score);
        } else if (line.startsWith("(") && line.endsWith(")")) {
            line = "";
        }
        return Stream.of(line.split("\\s+")).filter(w -> !w.isEmpty() && !w.startsWith("<") && !w.startsWith("["))
                .map(w -> w.replaceAll("\\(\\d+\\)$", "")).collect(Collectors.joining(" "));
    }

    private Optional<Path> executable() {
        if (command.contains("/")) {
            return Optional.of(Path.of(command)).filter(Files::isExecutable);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(java.io.File.pathSeparator)).map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable).findFirst();
    }
}
