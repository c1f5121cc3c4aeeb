// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.PyFormat;
import org.leapseq.data.dictionary.Dictionary;
import org.leapseq.models.BuiltIns;
import org.leapseq.models.decode.FusedDecoder;
import org.leapseq.models.eval.LoadedLm;
import org.leapseq.models.generate.GenerationConfig;
import org.leapseq.models.generate.Hypothesis;
import org.leapseq.models.generate.SequenceGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code toolkit-generate}: fairseq's generation for language models. Prompts (one per line, already tokenized as
 * the dictionary expects) come from {@code --input} or stdin; every prompt gets {@code S-}, {@code H-}, {@code D-}
 * and {@code P-} lines with base-2 scores, in input order. {@code toolkit-interactive} is the same with
 * fairseq-interactive's output ({@code W-} timing lines, two-decimal {@code P-} scores) after every
 * {@code --buffer-size} lines.
 */
@Command(
    name = "toolkit-generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
      "Continue prompts with a language model (fairseq-generate / fairseq-interactive --task language_modeling).",
      "Beam search (--beam, --lenpen, ...), greedy (--beam 1) or sampling (--sampling, --sampling-topk/-topp,"
          + " --temperature); LeaPformer decodes in constant time per token through its recurrent state."
    })
public class GenerateCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger("fairseq_cli.generate");

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DATA", description = "directory of the model's dict.txt")
  Path data;

  @Option(names = "--path", required = true, description = "the checkpoint")
  Path path;

  @Option(names = "--input", defaultValue = "-", description = "prompts, one per line ('-': stdin)")
  String input;

  @Option(names = {"--batch-size", "--max-sentences"}, defaultValue = "1", description = "prompts per batch")
  int batchSize;

  @Option(names = "--buffer-size", defaultValue = "0", description = "read this many lines before generating"
      + " (default: --batch-size)")
  int bufferSize;

  @Option(names = "--beam", defaultValue = "5", description = "beam size (default: ${DEFAULT-VALUE})")
  int beam;

  @Option(names = "--nbest", defaultValue = "1", description = "hypotheses per prompt (default: ${DEFAULT-VALUE})")
  int nbest;

  @Option(names = "--max-len-a", defaultValue = "0", description = "max length = a * src_len + b")
  double maxLenA;

  @Option(names = "--max-len-b", defaultValue = "200", description = "max length = a * src_len + b")
  int maxLenB;

  @Option(names = "--min-len", defaultValue = "1", description = "minimum generation length")
  int minLen;

  @Option(names = "--lenpen", defaultValue = "1", description = "length penalty: score / length^lenpen")
  double lenpen;

  @Option(names = "--unkpen", defaultValue = "0", description = "unknown word penalty")
  double unkpen;

  @Option(names = "--unnormalized", description = "compare unnormalized hypothesis scores")
  boolean unnormalized;

  @Option(names = "--no-repeat-ngram-size", defaultValue = "0", description = "forbid repeating n-grams of this size")
  int noRepeatNgramSize;

  @Option(names = "--sampling", description = "sample instead of beam search")
  boolean sampling;

  @Option(names = "--sampling-topk", defaultValue = "-1", description = "sample from the k most likely tokens")
  int samplingTopk;

  @Option(names = "--sampling-topp", defaultValue = "-1", description = "sample from the smallest set of mass p")
  double samplingTopp;

  @Option(names = "--temperature", defaultValue = "1", description = "divide the logits by this")
  double temperature;

  @Option(names = "--seed", defaultValue = "1", description = "random seed for sampling")
  long seed;

  @Option(names = {"--post-process", "--remove-bpe"}, arity = "0..1", fallbackValue = "@@ ",
      description = "undo subwords in the D- lines: sentencepiece, or a marker such as '@@ ' (the default)")
  String postProcess;

  @Option(names = "--dtype", description = "float32 or float64 (default: the checkpoint's)")
  String dtype;

  @Option(names = "--bf16", description = "keep the weights of fused decoding's products in bfloat16 (float32"
      + " arithmetic): half the memory traffic per token, scores within about 1%% of float32's")
  boolean bf16;

  @Option(names = "--quiet", description = "only print the summary")
  boolean quiet;

  @Option(names = "--debug", description = "print stack traces of errors")
  boolean debug;

  /** Whether this is fairseq-interactive's output. */
  boolean interactive() {
    return false;
  }

  public static void main(String[] args) {
    Cli.main(new GenerateCommand(), args);
  }

  @Override
  public Integer call() {
    Path dictFile = data.resolve("dict.txt");
    if (!Files.isRegularFile(dictFile)) {
      throw new LeapseqException(dictFile + ": no dictionary; DATA must hold the model's dict.txt");
    }
    Dictionary dict = Dictionary.load(dictFile);
    DataType type;
    try {
      type = Cli.dtype(dtype);
    } catch (LeapseqException e) {
      throw Cli.usage(spec.commandLine(), e.getMessage());
    }
    if (path.toString().contains(":") && !Files.exists(path)) {
      throw Cli.usage(spec.commandLine(), "--path: generation takes one model, not an ensemble");
    }
    GenerationConfig cfg;
    try {
      cfg = new GenerationConfig(beam, nbest, maxLenA, maxLenB, minLen, lenpen, unkpen, unnormalized,
          noRepeatNgramSize, sampling, samplingTopk, samplingTopp, temperature, seed);
    } catch (LeapseqException e) {
      throw Cli.usage(spec.commandLine(), e.getMessage());
    }
    if (batchSize < 1) {
      throw Cli.usage(spec.commandLine(), "--batch-size must be >= 1");
    }
    LoadedLm lm = LoadedLm.read(path, dict.size(), Dictionary.PAD, BuiltIns.registries(), type);
    if (lm.dictSha256() != null && !lm.dictSha256().equals(dict.sha256())) {
      throw new LeapseqException(path + ": the model was trained with a different dictionary than " + dictFile);
    }
    boolean addBos = lm.taskConfig().path("add_bos_token").asBoolean(false);
    int bos = addBos ? Dictionary.BOS : Dictionary.EOS;
    SequenceGenerator generator = bf16
        ? new SequenceGenerator(lm.model(), cfg, bos, Optional.of(FusedDecoder.bf16(lm.model())))
        : new SequenceGenerator(lm.model(), cfg, bos);
    LOG.info("loaded {} ({}, {} self-attention)", path, lm.arch(), lm.config().attentionName());
    LOG.info("NOTE: hypothesis and token scores are output in base 2");
    PrintWriter out = spec.commandLine().getOut();
    int buffer = bufferSize > 0 ? bufferSize : batchSize;
    long t0 = System.nanoTime();
    long sentences = 0;
    long generated = 0;
    try (BufferedReader in = open()) {
      List<String> lines = new ArrayList<>();
      int nextId = 0;
      for (String line = in.readLine(); ; line = in.readLine()) {
        if (line != null) {
          lines.add(line.strip());
        }
        if (lines.size() == buffer || (line == null && !lines.isEmpty())) {
          for (int start = 0; start < lines.size(); start += batchSize) {
            List<String> batch = lines.subList(start, Math.min(lines.size(), start + batchSize));
            List<int[]> prompts = new ArrayList<>();
            for (String l : batch) {
              prompts.add(prompt(dict, l));
            }
            long b0 = System.nanoTime();
            List<List<Hypothesis>> hypos = generator.generate(prompts);
            double seconds = (System.nanoTime() - b0) / 1e9;
            for (int i = 0; i < batch.size(); i++) {
              int id = nextId++;
              sentences++;
              for (Hypothesis h : hypos.get(i)) {
                generated += h.tokens().length;
              }
              if (!quiet) {
                print(out, id, dict, prompts.get(i), hypos.get(i), seconds);
              }
            }
          }
          out.flush();
          lines.clear();
        }
        if (line == null) {
          break;
        }
      }
    } catch (IOException e) {
      throw new LeapseqException("--input " + input + ": cannot read: " + IoErrors.describe(e), e);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    LOG.info(String.format(Locale.ROOT, "Generated %,d sentences (%,d tokens) in %.1fs (%.2f sentences/s, %.2f"
        + " tokens/s)", sentences, generated, seconds, sentences / Math.max(seconds, 1e-9),
        generated / Math.max(seconds, 1e-9)));
    return 0;
  }

  private BufferedReader open() throws IOException {
    if (input.equals("-")) {
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
    Path p = Path.of(input);
    if (!Files.isRegularFile(p)) {
      throw new LeapseqException("--input " + input + ": no such file");
    }
    return Files.newBufferedReader(p, StandardCharsets.UTF_8);
  }

  /** The prompt's ids: its words through the dictionary (unknown words become {@code <unk>}), no {@code </s>}. */
  private static int[] prompt(Dictionary dict, String line) {
    int[] ids = dict.encodeLine(line);
    int n = ids.length > 0 && ids[ids.length - 1] == Dictionary.EOS ? ids.length - 1 : ids.length;
    return java.util.Arrays.copyOf(ids, n);
  }

  private void print(PrintWriter out, int id, Dictionary dict, int[] prompt, List<Hypothesis> hypos,
      double seconds) {
    out.println("S-" + id + "\t" + words(dict, prompt));
    if (interactive()) {
      out.println("W-" + id + "\t" + String.format(Locale.ROOT, "%.3f", seconds) + "\tseconds");
    }
    for (Hypothesis h : hypos) {
      double score = h.score() / Math.log(2);
      String text = words(dict, h.tokens());
      out.println("H-" + id + "\t" + PyFormat.repr(score) + "\t" + text);
      out.println("D-" + id + "\t" + PyFormat.repr(score) + "\t" + detokenize(text));
      StringBuilder p = new StringBuilder();
      for (double v : h.positionalScores()) {
        if (p.length() > 0) {
          p.append(' ');
        }
        p.append(String.format(Locale.ROOT, interactive() ? "%.2f" : "%.4f", v / Math.log(2)));
      }
      out.println("P-" + id + "\t" + p);
    }
  }

  /** fairseq's {@code Dictionary.string}: symbols joined by spaces, {@code </s>} left out. */
  private static String words(Dictionary dict, int[] ids) {
    StringBuilder sb = new StringBuilder();
    for (int id : ids) {
      if (id == Dictionary.EOS) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(dict.symbol(id));
    }
    return sb.toString();
  }

  private String detokenize(String text) {
    if (postProcess == null) {
      return text;
    }
    if (postProcess.equals("sentencepiece")) {
      return text.replace(" ", "").replace("\u2581", " ").strip();
    }
    return (text + " ").replace(postProcess, "").stripTrailing();
  }
}
