package dicomsql.server.web;

import dicomsql.engine.raster.Window;
import java.util.Locale;

/** The viewer's window presets, by the names the page offers. */
enum WindowPreset {
  ABDOMEN(new Window(40, 400)),
  LIVER(new Window(60, 150)),
  BONE(new Window(400, 1800));

  final Window window;

  WindowPreset(Window window) {
    this.window = window;
  }

  static Window named(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT)).window;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the window is abdomen, liver or bone, not '" + name
          + "'");
    }
  }
}
