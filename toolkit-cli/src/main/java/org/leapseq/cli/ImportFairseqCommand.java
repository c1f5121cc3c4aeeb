// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.leapseq.core.Configs;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.checkpoint.Checkpoint;
import org.leapseq.core.checkpoint.Checkpoints;
import org.leapseq.core.io.SafeTensorFile;
import org.leapseq.core.io.SafeTensors;
import org.leapseq.data.dictionary.Dictionary;
import org.leapseq.models.BuiltIns;
import org.leapseq.models.interop.FairseqLm;
import org.leapseq.models.lm.TransformerLmConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code toolkit-import-fairseq}: a fairseq {@code transformer_lm} (LeaPformer fork included) becomes a Leapseq
 * checkpoint that toolkit-eval-lm, toolkit-generate and toolkit-train ({@code --finetune-from-model}) read.
 */
@Command(
    name = "toolkit-import-fairseq",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
      "Convert fairseq transformer_lm weights into a Leapseq checkpoint.",
      "MODEL.pt: a fairseq checkpoint (torch.save zip, read without executing any pickled code); its args/cfg give"
          + " the architecture.",
      "MODEL.safetensors: fairseq parameter names; the architecture comes from --arch and model flags"
          + " (--decoder-layers, --decoder-embed-dim, --dec-sa-leapformer-enable --leap-factor N, ...), or from"
          + " the args toolkit-export stored in it. Flags override stored args."
    })
public final class ImportFairseqCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger("leapseq.import");

  @Spec CommandSpec spec;

  @Option(names = "--path", required = true, description = "MODEL.pt or MODEL.safetensors")
  Path path;

  @Option(names = "--dict", required = true, description = "the model's dict.txt")
  Path dict;

  @Option(names = "--out", required = true, description = "the Leapseq checkpoint to write (.safetensors)")
  Path out;

  @Option(names = {"-a", "--arch"}, description = "model architecture (default: the model's own, else transformer_lm)")
  String arch;

  @Option(names = "--tokens-per-sample", description = "the task's block size stored as eval-lm's default")
  Integer tokensPerSample;

  @Option(names = "--sample-break-mode", description = "the task's break mode stored as eval-lm's default")
  String sampleBreakMode;

  @Option(names = "--debug", description = "print stack traces of errors")
  boolean debug;

  @Unmatched List<String> modelFlags = new ArrayList<>();

  public static void main(String[] args) {
    Cli.main(new ImportFairseqCommand(), args);
  }

  @Override
  public Integer call() {
    if (!Files.isRegularFile(path)) {
      throw new LeapseqException("--path " + path + ": no such file");
    }
    if (!Files.isRegularFile(dict)) {
      throw new LeapseqException("--dict " + dict + ": no such file");
    }
    Dictionary d = Dictionary.load(dict);
    Map<String, String> flags;
    try {
      ComponentFlags parsed = ComponentFlags.parse(modelFlags, TransformerLmConfig.switches());
      parsed.markUsed(TransformerLmConfig.argNames());
      parsed.checkAllUsed();
      flags = parsed.all();
    } catch (LeapseqException e) {
      throw Cli.usage(spec.commandLine(), e.getMessage());
    }
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    Map<String, INDArray> weights;
    Map<String, String> args = new LinkedHashMap<>();
    if (name.endsWith(".safetensors")) {
      SafeTensorFile f = SafeTensors.read(path);
      weights = f.tensors();
      String stored = f.metadata().get(FairseqLm.ARGS_METADATA);
      if (stored != null) {
        args.putAll(jsonArgs(stored));
      } else if (flags.isEmpty() && arch == null) {
        throw new LeapseqException(path + " carries no fairseq args: give --arch and the model flags it was trained"
            + " with (--decoder-layers, --decoder-embed-dim, --decoder-attention-heads, --decoder-ffn-embed-dim,"
            + " --dec-sa-leapformer-enable --leap-factor N, ...)");
      }
    } else if (name.endsWith(".pt")) {
      TorchCheckpoints.Loaded pt = TorchCheckpoints.read(path);
      weights = pt.weights();
      args.putAll(pt.args());
    } else {
      throw new LeapseqException("--path " + path + ": expected a .pt (fairseq checkpoint) or .safetensors file");
    }
    if (arch != null) {
      args.put("arch", arch);
    }
    args.putAll(flags);
    if (tokensPerSample != null) {
      args.put("tokens_per_sample", String.valueOf(tokensPerSample));
    }
    if (sampleBreakMode != null) {
      args.put("sample_break_mode", sampleBreakMode);
    }
    Checkpoint ck = FairseqLm.importWeights(weights, args, d, BuiltIns.registries(), path.toString());
    Checkpoints.write(out, ck);
    long params = ck.model().entrySet().stream().filter(e -> !e.getKey().equals("decoder.output_projection.weight")
        || !ck.model().containsKey("decoder.embed_tokens.weight")
        || ck.model().get(e.getKey()) != ck.model().get("decoder.embed_tokens.weight"))
        .mapToLong(e -> e.getValue().length()).sum();
    LOG.info("wrote {}: {} ({} tensors, {} values) from {}", out, args.getOrDefault("arch", "transformer_lm"),
        ck.model().size(), String.format(Locale.ROOT, "%,d", params), path);
    return 0;
  }

  /** A JSON object of fairseq args as strings (lists joined by commas, as on a command line). */
  static Map<String, String> jsonArgs(String json) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      JsonNode node = Configs.json().readTree(json);
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (v.isNull()) {
          continue;
        }
        if (v.isArray()) {
          List<String> parts = new ArrayList<>();
          v.forEach(x -> parts.add(x.asText()));
          out.put(e.getKey(), String.join(",", parts));
        } else {
          out.put(e.getKey(), v.asText());
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new LeapseqException("corrupt fairseq args JSON: " + e.getOriginalMessage(), e);
    }
    return out;
  }
}
