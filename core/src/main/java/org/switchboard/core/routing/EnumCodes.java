package org.switchboard.core.routing;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The byte each constant of an enum is written as in a snapshot, fixed by this table instead of by the constant's
 * place in its declaration: reordering an enum or inserting a constant must not change what old snapshots mean.
 * The table must name every constant (checked when it is built), so a new constant fails the snapshot tests until it
 * is given the next free code here. Codes are never reused.
 */
final class EnumCodes<E extends Enum<E>> {

    private final E[] byCode;
    private final byte[] codeByOrdinal;

    @SafeVarargs
    EnumCodes(E... inCodeOrder) {
        byCode = inCodeOrder.clone();
        E[] all = byCode[0].getDeclaringClass().getEnumConstants();
        codeByOrdinal = new byte[all.length];
        Arrays.fill(codeByOrdinal, (byte) -1);
        for (int code = 0; code < byCode.length; code++) {
            codeByOrdinal[byCode[code].ordinal()] = (byte) code;
        }
        for (E constant : all) {
            if (codeByOrdinal[constant.ordinal()] < 0) {
                throw new IllegalStateException("no snapshot code for " + constant + ": add it at the end");
            }
        }
    }

    void write(E constant, DataOutput out) throws IOException {
        out.writeByte(codeByOrdinal[constant.ordinal()]);
    }

    E read(DataInput in) throws IOException {
        int code = in.readByte();
        if (code < 0 || code >= byCode.length) {
            throw new IOException("unknown code " + code + " for "
                    + byCode[0].getDeclaringClass().getSimpleName());
        }
        return byCode[code];
    }
}
