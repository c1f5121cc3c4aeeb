// SPDX-License-Identifier: Apache-2.0
/**
 * fairseq-preprocess: dictionaries built or loaded, then text binarized into {@code .bin/.idx} (or copied for
 * {@code --dataset-impl raw}) under fairseq's file names, with the same log lines and byte-identical output for
 * any number of workers.
 */
package org.leapseq.data.preprocess;
