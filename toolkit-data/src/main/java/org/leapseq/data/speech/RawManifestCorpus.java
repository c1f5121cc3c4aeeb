// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;

/**
 * Reads raw speech manifests, one WAV file per utterance, as {@code leapformer-scripts/simulst/prepare-bible.sh}
 * writes them: {@code <dir>/<split>.tsv} with the columns {@code id audio n_frames src_text tgt_text speaker}
 * ({@code audio} relative to the manifest's directory, {@code n_frames} ignored). Errors name the file and line:
 * a wrong column count, a missing column the tasks need, a duplicate id, an audio file that does not exist.
 */
public final class RawManifestCorpus {
  private static final Set<String> TASK_SUFFIXES = Set.of("_asr", "_st");

  private RawManifestCorpus() {}

  /**
   * The splits in {@code dir}: every {@code <split>.tsv} except the feature manifests {@code <x>_asr.tsv} and
   * {@code <x>_st.tsv} this tool writes, by name.
   */
  public static List<String> splits(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new LeapseqException(dir + ": no such directory (expected raw manifests <split>.tsv)");
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.tsv")) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        String split = n.substring(0, n.length() - ".tsv".length());
        if (!split.isEmpty() && !split.startsWith(".") && TASK_SUFFIXES.stream().noneMatch(split::endsWith)) {
          names.add(split);
        }
      }
    } catch (IOException e) {
      throw new LeapseqException(dir + ": cannot list: " + IoErrors.describe(e), e);
    }
    if (names.isEmpty()) {
      throw new LeapseqException(dir + ": no raw manifests <split>.tsv (e.g. train.tsv) found");
    }
    names.sort(null);
    return names;
  }

  /** Reads {@code <dir>/<split>.tsv}; every task in {@code tasks} needs its text column. */
  public static S2tSplit read(Path dir, String split, Set<S2tTask> tasks) {
    Path tsv = dir.resolve(split + ".tsv");
    if (!Files.isRegularFile(tsv)) {
      throw new LeapseqException(tsv + ": no such file (expected a raw manifest: id audio n_frames src_text tgt_text"
          + " speaker)");
    }
    S2tManifest m = S2tManifest.read(tsv);
    if (tasks.contains(S2tTask.ASR) && !m.columns().contains(S2tManifest.SRC_TEXT)) {
      throw new LeapseqException(tsv + ":1: no 'src_text' column, which --task asr takes its text from");
    }
    m.checkAudioFiles(tsv, dir);
    List<SpeechSegment> out = new ArrayList<>(m.rows().size());
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < m.rows().size(); i++) {
      ManifestRow r = m.rows().get(i);
      AudioPath audio = AudioPath.parse(r.audio(), dir);
      if (audio.isSlice()) {
        throw new LeapseqException(tsv + ":" + m.line(i) + ": audio '" + r.audio() + "' is a byte range; expected a"
            + " WAV file");
      }
      Integer before = seen.put(r.id(), m.line(i));
      if (before != null) {
        throw new LeapseqException(tsv + ":" + m.line(i) + ": duplicate id '" + r.id() + "' (first on line " + before
            + ")");
      }
      if (r.id().isEmpty()) {
        throw new LeapseqException(tsv + ":" + m.line(i) + ": empty id");
      }
      out.add(SpeechSegment.whole(r.id(), audio.file(), r.srcText(), r.tgtText(), r.speaker()));
    }
    return new S2tSplit(split, out);
  }
}
