package org.debforge.jenkins.cps

import groovy.transform.CompileStatic
import java.lang.reflect.Field

/**
 * How the program is written at a step, as workflow-cps writes program.dat: with its IteratorHack,
 * an ArrayList iterator (what {@code for (x in list) { step }} keeps across the step) is written
 * as its list and position and read back as an iterator there. Anything else that is not
 * serializable fails, as in Jenkins. The iterator's fields need
 * {@code --add-opens java.base/java.util=ALL-UNNAMED} (set in the pom); without it the iterator
 * fails too, stricter than Jenkins.
 */
@CompileStatic // enableReplaceObject is protected in java.base: called statically, not through the metaclass
class ProgramOutput extends ObjectOutputStream {
  private static final Field CURSOR
  private static final Field LIST

  static {
    Field cursor = null
    Field list = null
    try {
      Class itr = Class.forName('java.util.ArrayList$Itr')
      cursor = itr.getDeclaredField('cursor')
      list = itr.getDeclaredField('this$0')
      cursor.setAccessible(true)
      list.setAccessible(true)
    } catch (RuntimeException | ReflectiveOperationException ignored) {
      cursor = null
      list = null
    }
    CURSOR = cursor
    LIST = list
  }

  ProgramOutput(OutputStream out) {
    super(out)
    enableReplaceObject(true)
  }

  @Override
  protected Object replaceObject(Object o) {
    if (CURSOR != null && o != null && o.getClass().name == 'java.util.ArrayList$Itr') {
      return new ListPosition((List) LIST.get(o), CURSOR.getInt(o))
    }
    return o
  }

  /** An ArrayList iterator as its list and how far it went. */
  static class ListPosition implements Serializable {
    private static final long serialVersionUID = 1L
    final List list
    final int cursor

    ListPosition(List list, int cursor) {
      this.list = list
      this.cursor = cursor
    }

    protected Object readResolve() {
      Iterator it = list.iterator()
      for (int i = 0; i < cursor; i++) {
        it.next()
      }
      return it
    }
  }
}
