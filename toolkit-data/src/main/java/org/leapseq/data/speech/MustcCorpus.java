// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.audio.WavReader;
import org.leapseq.data.text.PyWhitespace;

/**
 * Reads one split of MuST-C as fairseq's {@code prep_mustc_data.py::MUSTC} does: {@code <root>/en-<tgt>/data/<split>/}
 * holds {@code wav/*.wav} and {@code txt/<split>.yaml} (one segment per entry: {@code offset}, {@code duration},
 * {@code speaker_id}, {@code wav}), with the transcripts and translations line by line in
 * {@code txt/<split>.<src>} and {@code txt/<split>.<tgt>} (each line stripped of Python whitespace). Segments are
 * grouped by runs of the same {@code wav} (itertools.groupby), each run sorted by the offset <em>string</em> (the
 * YAML is read with BaseLoader, so "10.5" sorts before "9.2"), and numbered: id {@code <wav stem>_<i>}. Sample
 * ranges are {@code int(float(offset) * rate)} and {@code int(float(duration) * rate)} at the file's rate.
 */
public final class MustcCorpus {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final List<String> KEYS = List.of("offset", "duration", "speaker_id", "wav");

  private MustcCorpus() {}

  /** The split directory {@code <root>/en-<tgt>/data/<split>}. */
  public static Path splitDir(Path root, String tgtLang, String split) {
    return root.resolve(pairName(tgtLang)).resolve("data").resolve(split);
  }

  /** {@code en-<tgt>}. */
  public static String pairName(String tgtLang) {
    return "en-" + tgtLang;
  }

  /** Reads {@code split}; missing directories or files, mismatched line counts and bad segments are one-line errors. */
  public static S2tSplit read(Path root, String srcLang, String tgtLang, String split) {
    Path dir = splitDir(root, tgtLang, split);
    Path wavDir = dir.resolve("wav");
    Path txtDir = dir.resolve("txt");
    for (Path d : List.of(dir, wavDir, txtDir)) {
      if (!Files.isDirectory(d)) {
        throw new LeapseqException(d + ": no such directory (expected MuST-C's en-" + tgtLang + "/data/" + split
            + "/{wav,txt})");
      }
    }
    Path yaml = txtDir.resolve(split + ".yaml");
    List<Map<String, String>> segments = readYaml(yaml);
    List<String> src = readLines(txtDir.resolve(split + "." + srcLang), yaml, segments.size());
    List<String> tgt = readLines(txtDir.resolve(split + "." + tgtLang), yaml, segments.size());
    List<SpeechSegment> out = new ArrayList<>(segments.size());
    int i = 0;
    while (i < segments.size()) {
      int j = i;
      String wav = segments.get(i).get("wav");
      while (j < segments.size() && segments.get(j).get("wav").equals(wav)) {
        j++;
      }
      addRun(yaml, wavDir, segments, src, tgt, i, j, out);
      i = j;
    }
    return new S2tSplit(split, out);
  }

  /** Segments [from, to) share one wav: sort them by offset string and number them. */
  private static void addRun(Path yaml, Path wavDir, List<Map<String, String>> segments, List<String> src,
      List<String> tgt, int from, int to, List<SpeechSegment> out) {
    String wavName = segments.get(from).get("wav");
    Path wav = wavDir.resolve(wavName);
    if (!Files.isRegularFile(wav)) {
      throw new LeapseqException(yaml + ": segment " + (from + 1) + ": wav file " + wav + " not found");
    }
    int rate = WavReader.sampleRate(wav);
    List<Integer> order = new ArrayList<>();
    for (int k = from; k < to; k++) {
      order.add(k);
    }
    order.sort(Comparator.comparing(k -> segments.get(k).get("offset"))); // stable, as Python's sorted
    String stem = stem(wavName);
    for (int n = 0; n < order.size(); n++) {
      int k = order.get(n);
      Map<String, String> s = segments.get(k);
      long start = samples(yaml, k, "offset", s.get("offset"), rate);
      long frames = samples(yaml, k, "duration", s.get("duration"), rate);
      out.add(new SpeechSegment(stem + "_" + n, wav, start, frames, src.get(k), tgt.get(k), s.get("speaker_id")));
    }
  }

  /** {@code int(float(value) * rate)}. */
  private static long samples(Path yaml, int k, String key, String value, int rate) {
    double seconds;
    try {
      seconds = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new LeapseqException(yaml + ": segment " + (k + 1) + ": " + key + " '" + value + "' is not a number");
    }
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new LeapseqException(yaml + ": segment " + (k + 1) + ": " + key + " " + value + " must be >= 0 seconds");
    }
    return (long) (seconds * rate);
  }

  private static List<Map<String, String>> readYaml(Path yaml) {
    if (!Files.isRegularFile(yaml)) {
      throw new LeapseqException(yaml + ": no such file (expected MuST-C's segment list)");
    }
    List<Map<String, String>> segments;
    try {
      segments = YAML.readValue(yaml.toFile(), new TypeReference<List<Map<String, String>>>() {});
    } catch (JsonProcessingException e) {
      String msg = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
      throw new LeapseqException(yaml + ": bad MuST-C segment list: " + msg.lines().findFirst().orElse(msg), e);
    } catch (IOException e) {
      throw new LeapseqException(yaml + ": cannot read: " + IoErrors.describe(e), e);
    }
    if (segments == null) {
      throw new LeapseqException(yaml + ": empty segment list");
    }
    for (int k = 0; k < segments.size(); k++) {
      Map<String, String> s = segments.get(k);
      for (String key : KEYS) {
        if (s == null || s.get(key) == null) {
          throw new LeapseqException(yaml + ": segment " + (k + 1) + ": no '" + key + "' (expected offset, duration,"
              + " speaker_id and wav)");
        }
      }
    }
    return segments;
  }

  /** The stripped lines of a text file, which must have one line per segment. */
  private static List<String> readLines(Path file, Path yaml, int expected) {
    if (!Files.isRegularFile(file)) {
      throw new LeapseqException(file + ": no such file (expected one line per segment of " + yaml.getFileName() + ")");
    }
    List<String> lines = new ArrayList<>(expected);
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(PyWhitespace.strip(line));
      }
    } catch (CharacterCodingException e) {
      throw new LeapseqException(file + ": not valid UTF-8", e);
    } catch (IOException e) {
      throw new LeapseqException(file + ": cannot read: " + IoErrors.describe(e), e);
    }
    if (lines.size() != expected) {
      throw new LeapseqException(file + ": " + lines.size() + " lines, but " + yaml + " has " + expected
          + " segments");
    }
    return lines;
  }

  private static String stem(String name) {
    String base = Path.of(name).getFileName().toString();
    int dot = base.lastIndexOf('.');
    return dot > 0 ? base.substring(0, dot) : base;
  }
}
