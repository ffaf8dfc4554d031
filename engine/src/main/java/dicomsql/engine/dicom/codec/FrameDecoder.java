package dicomsql.engine.dicom.codec;

import dicomsql.engine.dicom.DicomException;

/**
 * Decodes the bytes of one compressed frame to pixel cells: a value per sample, the samples of a
 * pixel together, pixels row by row, each as the unsigned number the codec stored in its
 * precision. Turning cells into signed stored values is left to the caller, which knows Bits
 * Stored and Pixel Representation.
 */
public interface FrameDecoder {
  /** Decodes {@code frame} into the first rows x columns x samples values of {@code into}. */
  void decode(byte[] frame, int[] into) throws DicomException;
}
