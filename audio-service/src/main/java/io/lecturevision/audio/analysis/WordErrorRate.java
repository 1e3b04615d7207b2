package io.lecturevision.audio.analysis;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Word error rate: (substitutions + deletions + insertions) / words of the reference, after both are
 * lower-cased and stripped of punctuation (apostrophes kept: "don't" is one word).
 */
public final class WordErrorRate {

    private WordErrorRate() {
    }

    public static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        return Stream.of(text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}']+", " ").split(" "))
                .map(w -> w.replaceAll("^'+|'+$", "")).filter(w -> !w.isEmpty()).toList();
    }

    /** Null when the reference has no words. */
    public static Double of(String reference, String hypothesis) {
        List<String> ref = words(reference);
        List<String> hyp = words(hypothesis);
        if (ref.isEmpty()) {
            return null;
        }
        int[] previous = new int[hyp.size() + 1];
        int[] current = new int[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int substitution = previous[j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return (double) previous[hyp.size()] / ref.size();
    }
}
