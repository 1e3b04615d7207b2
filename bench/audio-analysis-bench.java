import io.lecturevision.audio.analysis.AnalysisReport;
import io.lecturevision.audio.analysis.AudioAnalyzer;
import io.lecturevision.audio.analysis.PocketSphinx;

import java.nio.file.Path;
import java.time.Duration;

/** Run by bench/audio-analysis-bench.sh: arguments are the rounds, then LABEL:content-type:path per file. */
public class AudioAnalysisBench {

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        String line = "Good morning everyone";
        System.out.printf("%-5s %9s %12s %14s%n", "file", "audio s", "analysis s", "s per minute");
        Path wav = null;
        for (int i = 1; i < args.length; i++) {
            String[] spec = args[i].split(":", 3);
            Path file = Path.of(spec[2]);
            if (wav == null) {
                wav = file;
            }
            AudioAnalyzer.analyse(file, spec[1], line, Duration.ofMinutes(30), Duration.ofSeconds(1));
            double best = Double.MAX_VALUE;
            double audio = 0;
            for (int r = 0; r < rounds; r++) {
                long started = System.nanoTime();
                AnalysisReport report = AudioAnalyzer.analyse(file, spec[1], line, Duration.ofMinutes(30),
                        Duration.ofSeconds(1));
                best = Math.min(best, (System.nanoTime() - started) / 1e9);
                audio = report.durationSeconds();
            }
            System.out.printf("%-5s %9.1f %12.2f %14.2f%n", spec[0], audio, best, best / (audio / 60));
        }
        PocketSphinx engine = new PocketSphinx("pocketsphinx_batch", Path.of("/usr/share/pocketsphinx/model/en-us"),
                Duration.ofMinutes(30), Duration.ofMinutes(30));
        if (engine.unavailable().isPresent()) {
            System.out.println("transcript: skipped, " + engine.unavailable().get());
            return;
        }
        long started = System.nanoTime();
        AnalysisReport report = AudioAnalyzer.analyse(wav, "audio/wav", line, Duration.ofMinutes(30),
                Duration.ofSeconds(1), engine);
        double withTranscript = (System.nanoTime() - started) / 1e9;
        System.out.printf("WAV with the pocketsphinx transcript: %.2f s for %.1f s of audio (%.2f s per minute); "
                        + "engine %s, %d words heard%n", withTranscript, report.durationSeconds(),
                withTranscript / (report.durationSeconds() / 60), report.transcript().engine(),
                report.transcript().text() == null ? 0 : report.transcript().text().split("\\s+").length);
    }
}
