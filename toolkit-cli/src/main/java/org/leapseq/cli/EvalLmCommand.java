// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.IntPredicate;
import org.leapseq.core.AtomicOutput;
import org.leapseq.core.Configs;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.logging.LogSink;
import org.leapseq.data.batching.BatchLimits;
import org.leapseq.data.batching.InvalidSizePolicy;
import org.leapseq.data.dictionary.Dictionary;
import org.leapseq.data.lm.LanguageModelingConfig;
import org.leapseq.data.lm.LmDataset;
import org.leapseq.data.lm.SampleBreakMode;
import org.leapseq.data.lm.ShortenMethod;
import org.leapseq.models.BuiltIns;
import org.leapseq.models.eval.LmEvaluator;
import org.leapseq.models.eval.LoadedLm;
import org.leapseq.models.eval.ScoredSequence;
import org.leapseq.models.eval.WordScores;
import org.leapseq.models.lm.TransformerLanguageModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code toolkit-eval-lm}: fairseq-eval-lm. Scores a binarized split with one checkpoint or an ensemble and prints
 * fairseq's {@code Evaluated N tokens ...} and {@code Loss (base 2): X, Perplexity: Y} lines.
 */
@Command(
    name = "toolkit-eval-lm",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
      "Evaluate a language model on binarized data (fairseq-eval-lm).",
      "--context-window C gives fairseq's numbers (each block of tokens-per-sample - C new tokens after up to C"
          + " tokens of context);",
      "--stream scores the split as one sequence through the model's recurrent state (O(1) per token for"
          + " LeaPformer and other linear attention, a key/value cache for softmax)."
    })
public final class EvalLmCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger("fairseq_cli.eval_lm");

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DATA", description = "directory of dict.txt and the binarized splits")
  Path data;

  @Option(names = "--path", required = true, description = "checkpoint, or several joined by ':' (an ensemble)")
  String path;

  @Option(names = "--gen-subset", defaultValue = "test", description = "split to evaluate (default: ${DEFAULT-VALUE})")
  String genSubset;

  @Option(names = "--tokens-per-sample", description = "block size (default: the checkpoint's training value)")
  Integer tokensPerSample;

  @Option(names = "--sample-break-mode", description = "none|complete|complete_doc|eos (default: the checkpoint's)")
  String sampleBreakMode;

  @Option(names = "--add-bos-token", description = "prepend <s> to every block (default: the checkpoint's setting)")
  Boolean addBosToken;

  @Option(names = "--context-window", defaultValue = "0",
      description = "tokens of earlier context given to every block, unscored (fairseq semantics)")
  int contextWindow;

  @Option(names = "--stream", description = "score the split as one sequence through the recurrent state / k-v cache")
  boolean stream;

  @Option(names = "--max-tokens", description = "max tokens per batch (default 36000 when --batch-size is unset)")
  Long maxTokens;

  @Option(names = {"--batch-size", "--max-sentences"}, description = "max blocks per batch")
  Integer batchSize;

  @Option(names = "--required-batch-size-multiple", defaultValue = "8", description = "batch size multiple")
  int requiredBatchSizeMultiple;

  @Option(names = "--softmax-batch", defaultValue = "1024",
      description = "at most this many positions through the output layer at once (default: ${DEFAULT-VALUE})")
  int softmaxBatch;

  @Option(names = "--output-word-probs", description = "log each sequence's words with their log-probabilities")
  boolean outputWordProbs;

  @Option(names = "--output-word-stats", description = "log per-word statistics, most frequent first")
  boolean outputWordStats;

  @Option(names = {"--remove-bpe", "--post-process"}, arity = "0..1", fallbackValue = "@@ ",
      description = "merge subwords into words: a continuation marker such as '@@ ' (the default), or sentencepiece")
  String removeBpe;

  @Option(names = "--results-path", description = "write one JSON line per scored sequence (ids and natural-log"
      + " log-probabilities of every target token)")
  Path resultsPath;

  @Option(names = "--dtype", description = "float32 or float64 (default: the checkpoint's)")
  String dtype;

  @Option(names = "--seed", defaultValue = "1", description = "seed of fairseq's batch order (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--log-file", description = "also write the log to this file")
  Path logFile;

  @Option(names = "--bf16", description = "score through fused decoding with bfloat16 product weights (float32"
      + " arithmetic); batches with padding stay float32 on ND4J")
  boolean bf16;

  @Option(names = "--debug", description = "print stack traces of errors")
  boolean debug;

  public static void main(String[] args) {
    Cli.main(new EvalLmCommand(), args);
  }

  @Override
  public Integer call() {
    try (LogSink.FileCopy copy = logFile == null ? null : LogSink.get().copyTo(logFile)) {
      run();
    } catch (IOException e) {
      throw new LeapseqException("--log-file " + logFile + ": cannot write: " + IoErrors.describe(e), e);
    }
    return 0;
  }

  private void run() {
    Path dictFile = data.resolve("dict.txt");
    if (!Files.isRegularFile(dictFile)) {
      throw new LeapseqException(dictFile + ": no dictionary; DATA must be a toolkit-preprocess output directory");
    }
    Dictionary dict = Dictionary.load(dictFile);
    DataType type;
    try {
      type = Cli.dtype(dtype);
    } catch (LeapseqException e) {
      throw Cli.usage(spec.commandLine(), e.getMessage());
    }
    if (contextWindow > 0 && stream) {
      throw Cli.usage(spec.commandLine(), "--stream carries the whole split as context; drop --context-window");
    }
    String[] files = path.split(":");
    List<TransformerLanguageModel> models = new ArrayList<>();
    JsonNode task = null;
    for (String f : files) {
      Path file = Path.of(f);
      LoadedLm lm = LoadedLm.read(file, dict.size(), Dictionary.PAD, BuiltIns.registries(), type);
      if (lm.dictSha256() != null && !lm.dictSha256().equals(dict.sha256())) {
        throw new LeapseqException(file + ": the model was trained with a different dictionary than " + dictFile
            + " (sha256 " + lm.dictSha256().substring(0, 12) + "... vs " + dict.sha256().substring(0, 12) + "...)");
      }
      if (task == null) {
        task = lm.taskConfig();
      }
      LOG.info("loaded {} ({}, {} self-attention, {} parameters)", file, lm.arch(), lm.config().attentionName(),
          String.format(Locale.ROOT, "%,d", lm.model().parameterCount()));
      models.add(lm.model());
    }
    int positions = models.stream().mapToInt(m -> m.decoder().config().maxTargetPositions()).min().orElseThrow();
    int block = tokensPerSample != null ? tokensPerSample : task.path("tokens_per_sample").asInt(positions);
    SampleBreakMode mode = SampleBreakMode.parse(sampleBreakMode != null ? sampleBreakMode
        : task.path("sample_break_mode").asText("none").toLowerCase(Locale.ROOT));
    boolean bos = addBosToken != null ? addBosToken : task.path("add_bos_token").asBoolean(false);
    if (contextWindow >= block) {
      throw Cli.usage(spec.commandLine(), "--context-window " + contextWindow + " must be smaller than"
          + " --tokens-per-sample " + block);
    }
    LanguageModelingConfig cfg = new LanguageModelingConfig(block - contextWindow, mode, bos, positions,
        ShortenMethod.NONE);
    if (maxTokens == null && batchSize == null) {
      maxTokens = 36000L;
    }
    BatchLimits limits = new BatchLimits(maxTokens == null ? BatchLimits.UNLIMITED : maxTokens,
        batchSize == null ? BatchLimits.UNLIMITED : batchSize, requiredBatchSizeMultiple);
    LmEvaluator evaluator = new LmEvaluator(models, new LmEvaluator.Options(contextWindow, stream, limits, seed,
        positions, InvalidSizePolicy.SKIP, softmaxBatch), bf16);
    WordScores words = outputWordProbs || outputWordStats ? wordScores(dict) : null;
    long t0 = System.nanoTime();
    LmEvaluator.Totals totals;
    try (LmDataset ds = LmDataset.open(data, genSubset, cfg, dict);
        Results results = resultsPath == null ? null : new Results(resultsPath)) {
      totals = evaluator.run(ds, s -> {
        if (results != null) {
          results.write(s);
        }
        if (words != null) {
          List<WordScores.WordProb> w = words.add(s);
          if (outputWordProbs) {
            LOG.info(WordScores.line(s.id(), w));
          }
        }
      });
      if (results != null) {
        results.commit();
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (totals.skippedInf() > 0) {
      LOG.info("skipped {} tokens with infinite scores", totals.skippedInf());
    }
    LOG.info(String.format(Locale.ROOT, "Evaluated %,d tokens in %.1fs (%.2f tokens/s)", totals.ntokens(), seconds,
        seconds > 0 ? totals.ntokens() / seconds : 0));
    LOG.info(String.format(Locale.ROOT, "Loss (base 2): %.4f, Perplexity: %.2f", totals.lossBase2(),
        totals.perplexity()));
    if (outputWordStats) {
      words.stats().forEach(ws -> LOG.info(ws.toString()));
    }
  }

  private WordScores wordScores(Dictionary dict) {
    IntPredicate special = id -> id < Dictionary.NSPECIAL;
    if (removeBpe == null) {
      return WordScores.plain(dict::symbol);
    }
    return removeBpe.equals("sentencepiece") ? WordScores.sentencepiece(dict::symbol, special)
        : WordScores.marker(dict::symbol, special, removeBpe);
  }

  /** The --results-path JSON lines, written to a temporary file and renamed at the end. */
  private static final class Results implements AutoCloseable {
    private final AtomicOutput out;
    private final JsonGenerator json;

    Results(Path file) {
      out = AtomicOutput.create(file);
      try {
        json = Configs.json().getFactory().createGenerator(out.stream());
        json.setRootValueSeparator(null);
      } catch (IOException e) {
        out.close();
        throw new LeapseqException("--results-path " + file + ": cannot write: " + IoErrors.describe(e), e);
      }
    }

    void write(ScoredSequence s) {
      try {
        json.writeStartObject();
        json.writeNumberField("id", s.id());
        json.writeArrayFieldStart("tokens");
        for (int t : s.tokens()) {
          json.writeNumber(t);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("lprobs");
        for (double v : s.lprobs()) {
          json.writeNumber(v);
        }
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
        out.stream().write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void commit() {
      try {
        json.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.commit();
    }

    @Override
    public void close() {
      out.close();
    }
  }
}
