// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.leapseq.core.AtomicOutput;
import org.leapseq.core.Configs;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.checkpoint.Checkpoint;
import org.leapseq.core.checkpoint.Checkpoints;
import org.leapseq.core.io.SafeTensors;
import org.leapseq.models.interop.FairseqLm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code toolkit-export}: a Leapseq checkpoint's weights as safetensors with fairseq parameter names (loadable
 * with {@code safetensors.torch.load_file} into fairseq's {@code transformer_lm}), plus a JSON file of the fairseq
 * args that rebuild the model. The args are also stored in the safetensors metadata, so toolkit-import-fairseq
 * reads the file back without flags.
 */
@Command(
    name = "toolkit-export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description = "Export a Leapseq checkpoint as safetensors with fairseq names and a JSON file of fairseq args.")
public final class ExportCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger("leapseq.export");

  @Option(names = "--path", required = true, description = "the Leapseq checkpoint")
  Path path;

  @Option(names = "--out", required = true, description = "MODEL.safetensors to write")
  Path out;

  @Option(names = "--config-out", description = "the fairseq args as JSON (default: --out with .json)")
  Path configOut;

  @Option(names = "--debug", description = "print stack traces of errors")
  boolean debug;

  public static void main(String[] args) {
    Cli.main(new ExportCommand(), args);
  }

  @Override
  public Integer call() {
    if (!Files.isRegularFile(path)) {
      throw new LeapseqException("--path " + path + ": no such checkpoint file");
    }
    Checkpoint ck = Checkpoints.read(path);
    Map<String, String> args = FairseqLm.exportArgs(ck, path.toString());
    String json;
    try {
      json = Configs.json().writerWithDefaultPrettyPrinter().writeValueAsString(args);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", "pt");
    meta.put(FairseqLm.ARGS_METADATA, json);
    if (ck.meta(Checkpoint.DICT_SHA256) != null) {
      meta.put(Checkpoint.DICT_SHA256, ck.meta(Checkpoint.DICT_SHA256));
    }
    Path config = configOut != null ? configOut : sibling(out);
    SafeTensors.write(out, ck.model(), meta);
    try (AtomicOutput o = AtomicOutput.create(config)) {
      o.stream().write((json + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      o.commit();
    } catch (IOException e) {
      throw new LeapseqException("--config-out " + config + ": cannot write: " + IoErrors.describe(e), e);
    }
    LOG.info("wrote {} ({} tensors) and {}", out, ck.model().size(), config);
    return 0;
  }

  private static Path sibling(Path file) {
    String n = file.getFileName().toString();
    String stem = n.endsWith(".safetensors") ? n.substring(0, n.length() - ".safetensors".length()) : n;
    return file.resolveSibling(stem + ".json");
  }
}
