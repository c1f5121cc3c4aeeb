// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.audio.FbankConfig;
import org.leapseq.data.audio.KaldiFbank;
import org.leapseq.data.audio.Resampler;
import org.leapseq.data.audio.WavReader;
import org.leapseq.data.audio.Waveform;
import org.leapseq.data.npy.Npy;
import org.leapseq.data.npy.NpyArray;
import org.leapseq.data.npy.NpyType;
import org.leapseq.data.speech.UtteranceCmvn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code toolkit-fbank}: WAV files to fairseq's 80-dim Kaldi log-mel features, one float32 .npy per file. */
@Command(
    name = "toolkit-fbank",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
      "Compute Kaldi log-mel filterbank features (torchaudio.compliance.kaldi.fbank with fairseq's settings) of WAV"
          + " files and write each as OUT_DIR/<stem>.npy (float32, frames x bins), atomically.",
      "Example: toolkit-fbank wav/*.wav --out-dir fbank80 --sample-rate 16000"
    })
public final class FbankCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(FbankCommand.class);

  /** Per-utterance normalisation applied before writing. */
  enum Cmvn { NONE, UTTERANCE }

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "IN.wav", description = "WAV files (PCM 8/16/24/32-bit or float, any rate, "
      + "channels are averaged)")
  List<Path> inputs;

  @Option(names = "--out-dir", required = true, paramLabel = "DIR",
      description = "where <stem>.npy files go (created)")
  Path outDir;

  @Option(names = "--cmvn", paramLabel = "TYPE", defaultValue = "none",
      description = "none or utterance (fairseq's utterance_cmvn) (default: ${DEFAULT-VALUE})")
  String cmvn;

  @Option(names = "--sample-rate", paramLabel = "N", defaultValue = "0",
      description = "resample to N Hz first (windowed sinc, as torchaudio.functional.resample);"
          + " 0 keeps each file's rate")
  int sampleRate;

  @Option(names = "--num-mel-bins", paramLabel = "N", defaultValue = "80",
      description = "mel bins (default: ${DEFAULT-VALUE})")
  int numMelBins;

  @Option(names = "--debug", description = "print stack traces of errors")
  boolean debug;

  @Override
  public Integer call() {
    Cmvn norm = parseCmvn();
    FbankConfig config;
    try {
      config = FbankConfig.fairseq().withNumMelBins(numMelBins);
    } catch (LeapseqException e) {
      throw Cli.usage(spec.commandLine(), "--num-mel-bins: " + e.getMessage());
    }
    if (sampleRate < 0) {
      throw Cli.usage(spec.commandLine(), "--sample-rate must be >= 0, got " + sampleRate);
    }
    checkUniqueStems();
    createOutDir();
    Map<Integer, KaldiFbank> byRate = new HashMap<>();
    Map<Integer, Resampler> resamplers = new HashMap<>();
    for (Path in : inputs) {
      Waveform w = WavReader.read(in);
      if (sampleRate > 0 && w.sampleRate() != sampleRate) {
        Resampler r = resamplers.computeIfAbsent(w.sampleRate(), from -> new Resampler(from, sampleRate));
        w = new Waveform(r.apply(w.samples()), sampleRate);
      }
      double[][] feats = byRate.computeIfAbsent(w.sampleRate(), r -> new KaldiFbank(config, r)).compute(w.samples());
      if (norm == Cmvn.UTTERANCE) {
        feats = UtteranceCmvn.DEFAULT.apply(feats);
      }
      Path out = outDir.resolve(stem(in) + ".npy");
      Npy.write(out, feats.length == 0 ? NpyArray.ofFloats(new float[0], 0, numMelBins)
          : NpyArray.ofMatrix(feats, NpyType.FLOAT32));
      log.info("{}: {} Hz, {} s -> {}: {} frames x {} bins", in, w.sampleRate(), String.format("%.2f", w.seconds()),
          out, feats.length, numMelBins);
    }
    return 0;
  }

  private Cmvn parseCmvn() {
    return switch (cmvn) {
      case "none" -> Cmvn.NONE;
      case "utterance" -> Cmvn.UTTERANCE;
      default -> throw Cli.usage(spec.commandLine(), "--cmvn: expected none or utterance, got '" + cmvn + "'");
    };
  }

  private void checkUniqueStems() {
    Map<String, Path> seen = new HashMap<>();
    for (Path in : inputs) {
      Path before = seen.put(stem(in), in);
      if (before != null) {
        throw new LeapseqException(in + ": same stem as " + before + "; both would write "
            + outDir.resolve(stem(in) + ".npy"));
      }
    }
  }

  private void createOutDir() {
    try {
      Files.createDirectories(outDir);
    } catch (java.io.IOException e) {
      throw new LeapseqException(outDir + ": cannot create directory: " + IoErrors.describe(e), e);
    }
  }

  private static String stem(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  public static void main(String[] args) {
    Cli.main(new FbankCommand(), args);
  }
}
