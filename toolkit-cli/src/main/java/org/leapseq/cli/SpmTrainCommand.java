// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.leapseq.data.spm.FairseqSpmVocab;
import org.leapseq.data.spm.SpmTrainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code toolkit-spm train}: spm_train with fairseq's defaults, then the fairseq dictionary beside the model. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 110,
    description = {
      "Run the official spm_train (apt-get install -y sentencepiece) with every --name=value flag passed through"
          + " (dashes in names read as underscores: --vocab-size=1000 is --vocab_size=1000), then write the fairseq"
          + " dictionary <model_prefix>.txt as fairseq's speech_to_text gen_vocab does.",
      "Defaults as gen_vocab: --character_coverage=1.0 --bos_id=0 --pad_id=1 --eos_id=2 --unk_id=3.",
      "Common flags: --input=F[,F...] --model_prefix=P --vocab_size=N --model_type=unigram|bpe|char|word"
          + " --input_sentence_size=N --shuffle_input_sentence=true --user_defined_symbols=a,b --num_threads=N"
    })
final class SpmTrainCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(SpmTrainCommand.class);

  @Option(names = "--[no-]fairseq-vocab", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "write <model_prefix>.txt for fairseq (default: on)")
  boolean fairseqVocab;

  @Option(names = "--debug", description = "print stack traces of errors")
  boolean debug;

  @Unmatched List<String> spmFlags = new ArrayList<>();

  @Override
  public Integer call() {
    Path prefix = SpmTrainer.train(spmFlags);
    log.info("model={}.model vocab={}.vocab", prefix, prefix);
    if (fairseqVocab) {
      Path txt = Path.of(prefix + ".txt");
      int n = FairseqSpmVocab.write(Path.of(prefix + ".vocab"), txt);
      log.info("fairseq dictionary={} symbols={}", txt, n);
    }
    return 0;
  }
}
