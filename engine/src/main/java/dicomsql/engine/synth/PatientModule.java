package dicomsql.engine.synth;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.Tag;
import dicomsql.engine.dicom.VR;
import java.time.LocalDate;

/**
 * The patient attributes every file of a case carries, as DCMTK's de-identification left them:
 * the case number for a name, a hashed ID, the birth date moved to January 1, age and sex kept.
 */
final class PatientModule {
  static final String DEIDENTIFICATION_METHOD = "AI99 ldcmdeid";

  private PatientModule() {}

  static void put(DataSet ds, CasePlan plan) {
    ds.putString(Tag.PatientName, VR.PN, plan.patientName());
    ds.putString(Tag.PatientID, VR.LO, plan.patientId());
    ds.putDate(Tag.PatientBirthDate, LocalDate.of(plan.birthYear(), 1, 1));
    ds.putString(Tag.PatientSex, VR.CS, plan.sex());
    ds.putString(Tag.PatientAge, VR.AS, plan.age());
    ds.putString(Tag.PatientIdentityRemoved, VR.CS, "YES");
    ds.putString(Tag.DeidentificationMethod, VR.LO, DEIDENTIFICATION_METHOD);
  }
}
