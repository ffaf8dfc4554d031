package dicomsql.engine.dicom.codec;

import dicomsql.engine.dicom.DicomException;
import java.util.Arrays;

/**
 * The entropy-coded data of one sequential DCT scan of one component (T.81 F.2.2): block after
 * block, left to right and top to bottom, each a DC difference from the block before and
 * run-length coded AC coefficients, then the inverse DCT. The DC prediction starts again from 0
 * after each restart marker; blocks past the image's right and bottom edges are decoded and
 * cut off.
 */
final class DctScan {
  private final EntropyReader entropy;
  private final HuffmanTable dcTable;
  private final HuffmanTable acTable;
  private final int[] quant;
  private final IslowIdct idct;
  private final int restartInterval;

  DctScan(EntropyReader entropy, HuffmanTable dcTable, HuffmanTable acTable, int[] quant,
      IslowIdct idct, int restartInterval) {
    this.entropy = entropy;
    this.dcTable = dcTable;
    this.acTable = acTable;
    this.quant = quant;
    this.idct = idct;
    this.restartInterval = restartInterval;
  }

  /** Decodes rows x columns samples into {@code out}, then leaves the segments at the marker. */
  void decode(int[] out, int rows, int columns) throws DicomException {
    short[] coefficients = new short[64];
    int[] samples = new int[64];
    int blocksAcross = (columns + 7) / 8;
    int blocksDown = (rows + 7) / 8;
    int dc = 0;
    int block = 0;
    for (int by = 0; by < blocksDown; by++) {
      for (int bx = 0; bx < blocksAcross; bx++, block++) {
        if (restartInterval > 0 && block > 0 && block % restartInterval == 0) {
          entropy.restart();
          dc = 0;
        }
        Arrays.fill(coefficients, (short) 0);
        dc += entropy.signed(entropy.symbol(dcTable));
        // libjpeg keeps coefficients as 16-bit values; damaged data wraps as it does there.
        coefficients[0] = (short) dc;
        readAcTerms(coefficients);
        idct.transform(coefficients, quant, samples);
        int width = Math.min(8, columns - bx * 8);
        int height = Math.min(8, rows - by * 8);
        for (int y = 0; y < height; y++) {
          System.arraycopy(samples, y * 8, out, (by * 8 + y) * columns + bx * 8, width);
        }
      }
    }
    entropy.finish();
  }

  /** The AC terms: symbols of a zero run and a size, 0x00 ending the block, 0xF0 16 zeros. */
  private void readAcTerms(short[] coefficients) throws DicomException {
    for (int k = 1; k < 64; k++) {
      int symbol = entropy.symbol(acTable);
      int run = symbol >> 4;
      int size = symbol & 15;
      if (size == 0) {
        if (run != 15) {
          return;
        }
        k += 15;
      } else {
        k += run;
        coefficients[ZigZag.NATURAL[k]] = (short) entropy.signed(size);
      }
    }
  }
}
