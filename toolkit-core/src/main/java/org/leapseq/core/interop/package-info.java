// SPDX-License-Identifier: Apache-2.0
/**
 * Reading PyTorch checkpoints ({@code torch.save} zip files, as fairseq writes them) without Python and without
 * running anything they contain. {@link org.leapseq.core.interop.TorchCheckpoints#read} opens the zip, and a
 * restricted unpickler rebuilds {@code data.pkl} from an allowlist: tensors over the archive's storages
 * ({@link org.leapseq.core.interop.TorchTensor}), dicts, lists, tuples, primitives, numeric numpy scalars and arrays
 * ({@link org.leapseq.core.interop.NumpyArray}), and the {@code argparse.Namespace} and omegaconf containers fairseq
 * keeps its hyperparameters in. Any other Python global (and any other numpy dtype) is refused before anything is
 * built, so a malicious file fails with a one-line error instead of executing. {@link
 * org.leapseq.core.interop.FairseqCheckpoint} finds the model state dict and the flat hyperparameters in the result.
 */
package org.leapseq.core.interop;
