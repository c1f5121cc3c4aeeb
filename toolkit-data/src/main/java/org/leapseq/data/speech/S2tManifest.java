// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leapseq.core.AtomicOutput;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;

/**
 * A speech_to_text manifest ({@code <split>.tsv}): a header line, then one utterance per line, tab-separated.
 * Reading follows fairseq's dataset ({@code csv.DictReader}, tab delimiter, {@code QUOTE_NONE}, no escape
 * character: values are taken verbatim, blank lines are skipped); the columns {@code id audio n_frames tgt_text} are
 * required and {@code speaker} defaults to "". Writing follows {@code save_df_to_tsv} (pandas, {@code QUOTE_NONE},
 * {@code escapechar="\\"}): a backslash or double quote gets a backslash in front, so, exactly as in fairseq, such
 * text does not read back unchanged; a tab or line break inside a value is rejected because fairseq's reader would
 * split it. Every error names the file and line.
 */
public final class S2tManifest {
  public static final String ID = "id";
  public static final String AUDIO = "audio";
  public static final String N_FRAMES = "n_frames";
  public static final String TGT_TEXT = "tgt_text";
  public static final String SPEAKER = "speaker";
  public static final String SRC_TEXT = "src_text";
  private static final List<String> REQUIRED = List.of(ID, AUDIO, N_FRAMES, TGT_TEXT);

  private final List<String> columns;
  private final List<ManifestRow> rows;
  private final int[] lines;

  private S2tManifest(List<String> columns, List<ManifestRow> rows, int[] lines) {
    this.columns = List.copyOf(columns);
    this.rows = List.copyOf(rows);
    this.lines = lines;
  }

  /** A manifest to write: columns {@code id audio n_frames tgt_text speaker}, then the extra columns of row 0. */
  public static S2tManifest of(List<ManifestRow> rows) {
    List<String> cols = new ArrayList<>(List.of(ID, AUDIO, N_FRAMES, TGT_TEXT, SPEAKER));
    if (!rows.isEmpty()) {
      cols.addAll(rows.get(0).extra().keySet());
    }
    int[] lines = new int[rows.size()];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = i + 2;
    }
    return new S2tManifest(cols, rows, lines);
  }

  public List<String> columns() {
    return columns;
  }

  public List<ManifestRow> rows() {
    return rows;
  }

  /** The 1-based line of row i in the file it was read from. */
  public int line(int i) {
    return lines[i];
  }

  /** Reads {@code tsv}; a wrong column count, a missing column or a bad n_frames is an error naming the line. */
  public static S2tManifest read(Path tsv) {
    List<String> text;
    try {
      text = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LeapseqException(tsv + ": cannot read: " + IoErrors.describe(e), e);
    }
    if (text.isEmpty()) {
      throw new LeapseqException(tsv + ": empty manifest, expected a header line: id audio n_frames tgt_text speaker");
    }
    List<String> cols = List.of(stripCr(text.get(0)).split("\t", -1));
    for (String c : REQUIRED) {
      if (!cols.contains(c)) {
        throw new LeapseqException(tsv + ":1: no '" + c + "' column in the header " + cols);
      }
    }
    List<ManifestRow> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    for (int i = 1; i < text.size(); i++) {
      String line = stripCr(text.get(i));
      if (line.isEmpty()) {
        continue;
      }
      rows.add(parseRow(tsv, i + 1, cols, line.split("\t", -1)));
      lines.add(i + 1);
    }
    return new S2tManifest(cols, rows, lines.stream().mapToInt(Integer::intValue).toArray());
  }

  private static ManifestRow parseRow(Path tsv, int line, List<String> cols, String[] values) {
    if (values.length != cols.size()) {
      throw new LeapseqException(tsv + ":" + line + ": " + values.length + " columns, expected " + cols.size() + " ("
          + String.join(" ", cols) + ")");
    }
    Map<String, String> v = new LinkedHashMap<>();
    for (int c = 0; c < values.length; c++) {
      v.put(cols.get(c), values[c]);
    }
    int frames;
    try {
      frames = Integer.parseInt(v.get(N_FRAMES));
    } catch (NumberFormatException e) {
      throw new LeapseqException(tsv + ":" + line + ": n_frames '" + v.get(N_FRAMES) + "' is not an integer");
    }
    if (frames < 0) {
      throw new LeapseqException(tsv + ":" + line + ": n_frames " + frames + " is negative");
    }
    Map<String, String> extra = new LinkedHashMap<>(v);
    for (String k : List.of(ID, AUDIO, N_FRAMES, TGT_TEXT, SPEAKER)) {
      extra.remove(k);
    }
    return new ManifestRow(v.get(ID), v.get(AUDIO), frames, v.get(TGT_TEXT), v.getOrDefault(SPEAKER, ""), extra);
  }

  private static String stripCr(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * Checks that every row's audio file exists, resolving relative paths against {@code audioRoot}; the first
   * missing one is an error naming the manifest, its line and the file.
   */
  public void checkAudioFiles(Path tsv, Path audioRoot) {
    for (int i = 0; i < rows.size(); i++) {
      AudioPath p;
      try {
        p = AudioPath.parse(rows.get(i).audio(), audioRoot);
      } catch (LeapseqException e) {
        throw new LeapseqException(tsv + ":" + lines[i] + ": " + e.getMessage());
      }
      if (!Files.isRegularFile(p.file())) {
        throw new LeapseqException(tsv + ":" + lines[i] + ": audio file " + p.file() + " not found (utterance '"
            + rows.get(i).id() + "')");
      }
    }
  }

  /** Writes the manifest atomically, as fairseq's {@code save_df_to_tsv} would. */
  public void write(Path tsv) {
    try (AtomicOutput out = AtomicOutput.create(tsv)) {
      BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out.stream(), StandardCharsets.UTF_8));
      w.write(String.join("\t", columns));
      w.write('\n');
      for (int i = 0; i < rows.size(); i++) {
        ManifestRow r = rows.get(i);
        List<String> vals = new ArrayList<>();
        for (String c : columns) {
          String v = switch (c) {
            case ID -> r.id();
            case AUDIO -> r.audio();
            case N_FRAMES -> Integer.toString(r.nFrames());
            case TGT_TEXT -> r.tgtText();
            case SPEAKER -> r.speaker();
            default -> r.extra().getOrDefault(c, "");
          };
          vals.add(escape(tsv, i + 2, c, v));
        }
        w.write(String.join("\t", vals));
        w.write('\n');
      }
      w.flush();
      out.commit();
    } catch (IOException e) {
      throw new LeapseqException(tsv + ": cannot write: " + IoErrors.describe(e), e);
    }
  }

  private static String escape(Path tsv, int line, String column, String v) {
    if (v.indexOf('\t') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      throw new LeapseqException(tsv + ":" + line + ": " + column + " contains a tab or line break, which "
          + "fairseq's manifest reader would split: '" + v.replace("\t", "\\t").replace("\n", "\\n") + "'");
    }
    return v.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
