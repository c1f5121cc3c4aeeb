// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.audio.FbankConfig;
import org.leapseq.data.audio.KaldiFbank;
import org.leapseq.data.audio.Resampler;
import org.leapseq.data.audio.WavReader;
import org.leapseq.data.audio.Waveform;

/**
 * Real-time factor of the Kaldi fbank on one thread: seconds of audio per CPU second (thread CPU time), over
 * espeak-ng utterances (synthesised into a temporary directory when no WAV files are given).
 */
final class FbankBench {
  private static final String[] SENTENCES = {
    "The quick brown fox jumps over the lazy dog.",
    "She sells sea shells by the sea shore every summer morning.",
    "A journey of a thousand miles begins with a single step.",
    "The committee will meet again on Thursday to discuss the budget.",
    "Please remember to close the window before you leave the house.",
    "In the beginning the river was narrow, but it widened near the sea.",
    "Seven green boats sailed past the lighthouse at dawn.",
    "He said that the results would be ready by the end of the week.",
    "Music played softly in the background while they talked.",
    "The train to the city leaves from platform four at noon.",
    "Scientists measured the temperature of the lake every hour.",
    "Good morning, and welcome to the annual meeting of the society.",
  };
  private static final String[] VOICES = {"en-us", "en-gb", "en-us+f3", "en-gb+m3"};

  private FbankBench() {}

  static void run(Report report, List<Path> wavs, int utterances, int repeats) {
    Path tmp = null;
    try {
      List<Path> files = wavs;
      if (files.isEmpty()) {
        tmp = Files.createTempDirectory("leapseq-fbank-bench");
        files = synthesize(tmp, utterances);
      }
      List<Waveform> own = new ArrayList<>();
      for (Path f : expand(files)) {
        own.add(WavReader.read(f));
      }
      List<Waveform> at16k = own.stream().map(w -> Resampler.resample(w, 16000)).toList();
      // one fbank (window, mel matrix, FFT plan) per rate and one resampler per rate pair, as toolkit-fbank keeps them
      FbankConfig cfg = FbankConfig.fairseq();
      Map<Integer, KaldiFbank> fbanks = new HashMap<>();
      Map<Integer, Resampler> resamplers = new HashMap<>();
      Function<Waveform, double[][]> fbank =
          w -> fbanks.computeIfAbsent(w.sampleRate(), r -> new KaldiFbank(cfg, r)).compute(w.samples());
      Function<Waveform, Waveform> to16k = w -> w.sampleRate() == 16000 ? w : new Waveform(
          resamplers.computeIfAbsent(w.sampleRate(), r -> new Resampler(r, 16000)).apply(w.samples()), 16000);
      row(report, "fbank, own rate", own, repeats, () -> own.forEach(fbank::apply));
      row(report, "fbank, 16 kHz", at16k, repeats, () -> at16k.forEach(fbank::apply));
      List<Path> paths = expand(files);
      row(report, "read + resample 16 kHz + fbank", at16k, repeats,
          () -> paths.forEach(p -> fbank.apply(to16k.apply(WavReader.read(p)))));
    } catch (IOException e) {
      throw new LeapseqException("fbank bench: " + IoErrors.describe(e), e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static void row(Report report, String name, List<Waveform> audio, int repeats, Runnable action) {
    double seconds = audio.stream().mapToDouble(Waveform::seconds).sum();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    action.run(); // warm-up: JIT, FFT plans
    double[] cpu = new double[repeats];
    double[] wall = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long c0 = mx.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      action.run();
      wall[i] = (System.nanoTime() - w0) / 1e9;
      cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    double medianCpu = cpu[repeats / 2];
    Map<String, Object> r = report.row();
    r.put("case", name);
    r.put("utterances", audio.size());
    r.put("audio_s", seconds);
    r.put("cpu_s", medianCpu);
    r.put("wall_s", wall[repeats / 2]);
    r.put("rtf_per_core", seconds / medianCpu);
  }

  private static List<Path> synthesize(Path dir, int n) throws IOException {
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Path wav = dir.resolve(String.format("utt%03d.wav", i));
      String voice = VOICES[i % VOICES.length];
      ProcessBuilder pb = new ProcessBuilder("espeak-ng", "-v", voice, "-s", Integer.toString(150 + 7 * (i % 8)),
          "-w", wav.toString(), "--", SENTENCES[i % SENTENCES.length]).redirectErrorStream(true);
      try {
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
          throw new LeapseqException("espeak-ng failed (exit " + p.exitValue() + ") for voice " + voice);
        }
      } catch (IOException e) {
        throw new LeapseqException("no WAV files given and espeak-ng cannot run (" + IoErrors.describe(e)
            + "); apt-get install -y espeak-ng, or pass WAV files or directories");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LeapseqException("interrupted while running espeak-ng", e);
      }
      out.add(wav);
    }
    return out;
  }

  /** Files as given; directories contribute their *.wav files in name order. */
  private static List<Path> expand(List<Path> paths) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(f -> f.toString().endsWith(".wav")).sorted().forEach(out::add);
        }
      } else {
        out.add(p);
      }
    }
    if (out.isEmpty()) {
      throw new LeapseqException("no .wav files in " + paths);
    }
    return out;
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; nothing else to do
    }
  }
}
