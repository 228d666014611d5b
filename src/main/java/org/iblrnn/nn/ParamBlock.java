package org.iblrnn.nn;

import java.util.List;

/**
 * A named block of a flat parameter vector, with PyTorch's state-dict name and shape.
 *
 * @param name   PyTorch state-dict name, e.g. {@code core.weight_hh_l0}
 * @param shape  PyTorch shape, row-major (e.g. [H, H] or [H])
 * @param offset position of the block's first element in the flat vector
 */
public record ParamBlock(String name, List<Integer> shape, int offset) {
    public ParamBlock {
        shape = List.copyOf(shape);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
    }

    /** Number of elements. */
    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The same block under a prefixed name and shifted offset. */
    ParamBlock relocate(String prefix, int shift) {
        return new ParamBlock(prefix + name, shape, offset + shift);
    }
}
