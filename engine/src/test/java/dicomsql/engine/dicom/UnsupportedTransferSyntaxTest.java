package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnsupportedTransferSyntaxTest {
  private static DataSet encapsulatedImage() {
    DataSet ds = ImageDataSets.monochrome(2, 2, 16, 16, 15, true);
    ds.putFragments(Tag.PixelData, VR.OB, List.of(new byte[0], new byte[] {-1, -40, -1, -39}));
    return ds;
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "1.2.840.10008.1.2.4.92", "1.2.840.10008.1.2.4.93", "1.2.840.10008.1.2.4.100", "1.2.840.10008.1.2.4.102",
      "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203"})
  void refusesCompressedPixelDataNamingTheTransferSyntax(String uid) {
    TransferSyntax syntax = TransferSyntax.of(uid);
    assertThatThrownBy(() -> PixelData.of(encapsulatedImage(), syntax))
        .isInstanceOfSatisfying(UnsupportedTransferSyntaxException.class,
            e -> assertThat(e.transferSyntax()).isEqualTo(syntax))
        .hasMessage("pixel data in " + syntax.name() + " (" + uid + ") cannot be decoded yet");
  }

  @Test
  void refusesAnUnknownEncapsulatedTransferSyntax() {
    assertThatThrownBy(() -> PixelData.of(encapsulatedImage(), TransferSyntax.of("1.2.3.4")))
        .isInstanceOf(UnsupportedTransferSyntaxException.class)
        .hasMessage("pixel data in unknown transfer syntax 1.2.3.4 cannot be decoded yet");
  }
}
