package dicomsql.connector;

import org.apache.calcite.adapter.enumerable.EnumerableRel;

/** A scan node of a {@link DicomTable}, full-row or projected. */
interface DicomScan extends EnumerableRel {
  ScanSpec spec();
}
