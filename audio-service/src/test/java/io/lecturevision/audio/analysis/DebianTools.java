package io.lecturevision.audio.analysis;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test fixtures made with Debian's tools: sox converts generated WAVs to FLAC, Ogg Vorbis and MP3,
 * espeak-ng speaks a line. Tests that need them are skipped, saying which package to install
 * ({@code apt-get install -y sox libsox-fmt-all espeak-ng}), where they are missing.
 */
public final class DebianTools {

    public static final String INSTALL = "apt-get install -y --no-install-recommends sox libsox-fmt-all espeak-ng";

    private DebianTools() {
    }

    public static void assumeInstalled(String tool) {
        Assumptions.assumeTrue(onPath(tool), tool + " is not installed; skipped (install with: " + INSTALL + ")");
    }

    /** {@code wav} converted by sox to the format of {@code extension} (flac, ogg, mp3). */
    public static Path convert(Path wav, String extension) {
        assumeInstalled("sox");
        Path out = wav.resolveSibling(wav.getFileName().toString().replace(".wav", "." + extension));
        run(List.of("sox", wav.toString(), out.toString()));
        return out;
    }

    /** Runs sox with {@code arguments} (for example a synthesised signal written in a given sample format). */
    public static void sox(String... arguments) {
        assumeInstalled("sox");
        List<String> command = new ArrayList<>(List.of("sox"));
        command.addAll(List.of(arguments));
        run(command);
    }

    /** {@code text} spoken by espeak-ng's {@code voice} at {@code wordsPerMinute} into a WAV file (22.05 kHz mono). */
    public static Path speak(String text, Path wav, String voice, int wordsPerMinute) {
        assumeInstalled("espeak-ng");
        run(List.of("espeak-ng", "-v", voice, "-s", Integer.toString(wordsPerMinute), "-w", wav.toString(), text));
        return wav;
    }

    /** {@code text} spoken by espeak-ng into a WAV file. */
    public static Path speak(String text, Path wav) {
        assumeInstalled("espeak-ng");
        run(List.of("espeak-ng", "-w", wav.toString(), text));
        return wav;
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(command + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
