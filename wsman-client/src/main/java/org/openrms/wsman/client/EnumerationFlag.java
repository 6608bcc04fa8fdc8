package org.openrms.wsman.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.openrms.core.BitFlag;

/**
 * The {@code _WSManEnumFlags} of {@code Session.Enumerate}, with their Windows values ({@code
 * wsmandisp.h}).
 *
 * <p>Three groups hold one choice each, and the zero-valued member is the group's default: what the
 * batches contain ({@link #RETURN_OBJECT}, {@link #RETURN_EPR}, {@link #RETURN_OBJECT_AND_EPR}),
 * how deep the class hierarchy goes ({@link #HIERARCHY_DEEP}, {@link #HIERARCHY_SHALLOW}, {@link
 * #HIERARCHY_DEEP_BASE_PROPS_ONLY}) and which association side is returned ({@link
 * #ASSOCIATED_INSTANCE}, {@link #ASSOCIATION_INSTANCE}). {@link #NON_XML_TEXT} stands alone.
 */
public enum EnumerationFlag implements BitFlag {
  /** {@code WSManFlagReturnObject}: batches hold the XML instances (the default). */
  RETURN_OBJECT(0x0, Group.RETURN),
  /** {@code WSManFlagNonXmlText}: the filter is plain text even if it starts with {@code <}. */
  NON_XML_TEXT(0x1, null),
  /** {@code WSManFlagReturnEPR}: batches hold endpoint references only. */
  RETURN_EPR(0x2, Group.RETURN),
  /** {@code WSManFlagReturnObjectAndEPR}: batches hold instances and endpoint references. */
  RETURN_OBJECT_AND_EPR(0x4, Group.RETURN),
  /** {@code WSManFlagHierarchyDeep}: instances of the class and its subclasses (the default). */
  HIERARCHY_DEEP(0x0, Group.HIERARCHY),
  /** {@code WSManFlagHierarchyShallow}: instances of the class only. */
  HIERARCHY_SHALLOW(0x20, Group.HIERARCHY),
  /** {@code WSManFlagHierarchyDeepBasePropsOnly}: subclasses too, with base-class properties. */
  HIERARCHY_DEEP_BASE_PROPS_ONLY(0x40, Group.HIERARCHY),
  /** {@code WSManFlagAssociatedInstance}: the associated instances (the default). */
  ASSOCIATED_INSTANCE(0x0, Group.ASSOCIATION),
  /** {@code WSManFlagAssociationInstance}: the association instances themselves. */
  ASSOCIATION_INSTANCE(0x80, Group.ASSOCIATION);

  private enum Group {
    RETURN,
    HIERARCHY,
    ASSOCIATION
  }

  private final int bit;
  private final Group group;

  EnumerationFlag(int bit, Group group) {
    this.bit = bit;
    this.group = group;
  }

  /** The Windows value of this flag ({@code 0} for a group default). */
  @Override
  public int bit() {
    return bit;
  }

  /** The bit mask of a set of flags. */
  public static int bits(Collection<EnumerationFlag> flags) {
    return BitFlag.bits(flags);
  }

  /**
   * The flags of a bit mask: the set flags plus the default of every group with no bit set. {@code
   * fromBits(0)} is {@code {RETURN_OBJECT, HIERARCHY_DEEP, ASSOCIATED_INSTANCE}}.
   *
   * @throws IllegalArgumentException for bits that are no {@code _WSManEnumFlags} value, or two
   *     choices of one group (such as ReturnEPR with ReturnObjectAndEPR)
   */
  public static Set<EnumerationFlag> fromBits(int bits) {
    BitFlag.Decoded<EnumerationFlag> decoded = BitFlag.decode(EnumerationFlag.class, bits);
    Set<EnumerationFlag> out = decoded.flags();
    int rest = decoded.unknownBits();
    if (rest != 0) {
      throw new IllegalArgumentException(
          String.format(
              "unknown enumeration flag bits 0x%x in 0x%x (not a _WSManEnumFlags value)",
              rest, bits));
    }
    for (Group g : Group.values()) {
      List<EnumerationFlag> chosen = new ArrayList<>();
      EnumerationFlag dflt = null;
      for (EnumerationFlag f : values()) {
        if (f.group == g) {
          if (f.bit == 0) {
            dflt = f;
          } else if (out.contains(f)) {
            chosen.add(f);
          }
        }
      }
      if (chosen.size() > 1) {
        throw new IllegalArgumentException(
            "conflicting enumeration flags " + chosen + " in " + String.format("0x%x", bits));
      }
      if (chosen.isEmpty()) {
        out.add(dflt);
      }
    }
    return out;
  }
}
