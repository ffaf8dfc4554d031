package dicomsql.connector.functions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * The raster calls of a projection that {@link RasterPrefetch} can compute ahead: calls of the
 * functions that rasterize or decode whose ROI, series and image arguments are input columns.
 * Written into the generated code as text, {@code roiHuMean:0,1,2;roiPng:3,4,5}: each
 * function's method and the input fields of its arguments.
 */
public final class RasterCalls {
  /** What each function computes ahead, by its method in {@link RasterFunctions}. */
  private enum Kind implements RasterPrefetch.Work {
    STATISTICS(3) {
      @Override
      public void compute(RoiMeasurements measurements, Object[] arguments) throws Exception {
        measurements.statistics((String) arguments[0], number(arguments[1]),
            (String) arguments[2]);
      }

      @Override
      public String group(Object[] arguments) {
        return (String) arguments[2];
      }
    },
    MASKS(2) {
      @Override
      public void compute(RoiMeasurements measurements, Object[] arguments) {
        measurements.masks((String) arguments[0], number(arguments[1]), null);
      }
    },
    IMAGE_MASK(3) {
      @Override
      public void compute(RoiMeasurements measurements, Object[] arguments) {
        RasterFunctions.onImage(measurements, (String) arguments[0], number(arguments[1]),
            (String) arguments[2]);
      }
    },
    PICTURE(3) {
      @Override
      public void compute(RoiMeasurements measurements, Object[] arguments) throws Exception {
        RasterFunctions.ImageMask on = RasterFunctions.onImage(measurements,
            (String) arguments[0], number(arguments[1]), (String) arguments[2]);
        if (on != null) {
          measurements.slices().image(on.masks().stack().plane(on.plane()));
        }
      }
    };

    /** How many leading arguments the work uses. */
    final int arguments;

    Kind(int arguments) {
      this.arguments = arguments;
    }

    /** Work on one structure set's ROIs stays together unless a series says better. */
    @Override
    public String group(Object[] arguments) {
      return (String) arguments[0];
    }

    private static int number(Object value) {
      return ((Number) value).intValue();
    }
  }

  private static final Map<String, Kind> BY_METHOD = Map.of(
      "roiHuMean", Kind.STATISTICS,
      "roiHuStat", Kind.STATISTICS,
      "roiVoxelCount", Kind.MASKS,
      "roiVolumeCc", Kind.MASKS,
      "roiMask", Kind.IMAGE_MASK,
      "roiPng", Kind.PICTURE);

  private RasterCalls() {}

  /** The calls in {@code projects} to compute ahead, as text; empty when there are none. */
  public static String encode(List<RexNode> projects) {
    List<String> calls = new ArrayList<>();
    RexVisitorImpl<Void> finder = new RexVisitorImpl<>(true) {
      @Override
      public Void visitCall(RexCall call) {
        String encoded = encode(call);
        if (encoded != null && !calls.contains(encoded)) {
          calls.add(encoded);
        }
        return super.visitCall(call);
      }
    };
    projects.forEach(project -> project.accept(finder));
    return String.join(";", calls);
  }

  /** One call as text, or null when it is not one to compute ahead. */
  private static String encode(RexCall call) {
    if (!(call.getOperator() instanceof SqlUserDefinedFunction function)
        || !(function.getFunction() instanceof DicomFunction dicom)) {
      return null;
    }
    Kind kind = BY_METHOD.get(dicom.methodName());
    if (kind == null || call.getOperands().size() < kind.arguments) {
      return null;
    }
    int[] fields = new int[kind.arguments];
    for (int i = 0; i < fields.length; i++) {
      if (!(call.getOperands().get(i) instanceof RexInputRef input)) {
        return null;
      }
      fields[i] = input.getIndex();
    }
    return dicom.methodName() + ":" + Arrays.stream(fields).mapToObj(String::valueOf)
        .collect(Collectors.joining(","));
  }

  /** The calls written by {@link #encode}. */
  static List<RasterPrefetch.Call> decode(String encoded) {
    List<RasterPrefetch.Call> calls = new ArrayList<>();
    for (String call : encoded.split(";")) {
      String[] parts = call.split(":");
      calls.add(new RasterPrefetch.Call(BY_METHOD.get(parts[0]),
          Arrays.stream(parts[1].split(",")).mapToInt(Integer::parseInt).toArray()));
    }
    return calls;
  }
}
