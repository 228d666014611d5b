package org.iblrnn.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable named n-dimensional array of doubles in C (row-major) order: the in-memory form of
 * one {@code .npy} file or one entry of an {@code .npz} archive.
 *
 * <p>{@code shape} has one non-negative length per axis and may be empty (a 0-D scalar, which holds
 * exactly one value). {@code data} holds {@code product(shape)} values, the last axis varying fastest,
 * so element {@code [i][j]} of a shape {@code (r, c)} array is {@code data[i * c + j]}. Arrays passed in
 * and handed out are copies; instances never change.
 *
 * <p>Equality compares name, shape and data with {@link Arrays#equals(double[], double[])} semantics
 * (all NaNs equal each other, {@code 0.0} differs from {@code -0.0}).
 */
public final class NpyArray {
    private final String name;
    private final int[] shape;
    private final double[] data;

    /**
     * Creates an array.
     *
     * @param name  the array's name (the {@code .npz} key), not null; may be empty for a lone {@code .npy}
     * @param shape axis lengths, each {@code >= 0}; empty for a scalar
     * @param data  the values in C order, {@code data.length == product(shape)}
     * @throws IllegalArgumentException if a length is negative, the product overflows an {@code int},
     *                                  or {@code data.length} differs from the product
     */
    public NpyArray(String name, int[] shape, double[] data) {
        this(name, Objects.requireNonNull(shape, "shape").clone(), Objects.requireNonNull(data, "data").clone(), 0);
    }

    /** Takes ownership of {@code shape} and {@code data} without copying; the tag only distinguishes the overload. */
    private NpyArray(String name, int[] shape, double[] data, int ownedTag) {
        this.name = Objects.requireNonNull(name, "name");
        this.shape = shape;
        this.data = data;
        long size = checkedSize(shape);
        if (size != data.length) {
            throw new IllegalArgumentException("data.length must be product(shape " + formatShape(shape)
                    + ") = " + size + ", got " + data.length);
        }
    }

    /** Wraps already-owned arrays without copying; only for callers in this package that drop their references. */
    static NpyArray wrap(String name, int[] shape, double[] data) {
        return new NpyArray(name, Objects.requireNonNull(shape, "shape"), Objects.requireNonNull(data, "data"), 0);
    }

    /**
     * A 2-D array of shape {@code (rows.length, rows[0].length)} from rectangular rows.
     * With no rows the shape is {@code (0, 0)}.
     *
     * @throws IllegalArgumentException if the rows differ in length
     */
    public static NpyArray matrix(String name, double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        int r = rows.length;
        int c = r == 0 ? 0 : Objects.requireNonNull(rows[0], "rows[0]").length;
        long total = (long) r * c;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("rows.length * columns must be <= " + Integer.MAX_VALUE
                    + ", got " + total);
        }
        double[] data = new double[(int) total];
        for (int i = 0; i < r; i++) {
            double[] row = Objects.requireNonNull(rows[i], "rows[" + i + "]");
            if (row.length != c) {
                throw new IllegalArgumentException("rows[" + i + "].length must be " + c + " (as rows[0]), got "
                        + row.length);
            }
            System.arraycopy(row, 0, data, i * c, c);
        }
        return wrap(name, new int[] {r, c}, data);
    }

    /** A 1-D array of shape {@code (v.length,)}. */
    public static NpyArray vector(String name, double[] v) {
        Objects.requireNonNull(v, "v");
        return new NpyArray(name, new int[] {v.length}, v);
    }

    /** A 0-D array of shape {@code ()} holding one value. */
    public static NpyArray scalar(String name, double value) {
        return wrap(name, new int[0], new double[] {value});
    }

    /** The array's name (the {@code .npz} key, without {@code .npy}). */
    public String name() {
        return name;
    }

    /** A copy of the axis lengths; empty for a scalar. */
    public int[] shape() {
        return shape.clone();
    }

    /** A copy of the values in C order, length {@link #size()}. */
    public double[] data() {
        return data.clone();
    }

    /** Number of axes: 0 for a scalar, 1 for a vector, 2 for a matrix. */
    public int rank() {
        return shape.length;
    }

    /** Length of axis {@code axis}, {@code 0 <= axis < rank()}. */
    public int dim(int axis) {
        if (axis < 0 || axis >= shape.length) {
            throw new IndexOutOfBoundsException("axis must be in [0, " + shape.length + "), got " + axis);
        }
        return shape[axis];
    }

    /** Number of values, {@code product(shape)} (1 for a scalar). */
    public int size() {
        return data.length;
    }

    /**
     * The values of a 2-D array of shape {@code (r, c)} as {@code r} fresh rows of length {@code c}.
     *
     * @throws IllegalStateException if {@code rank() != 2}
     */
    public double[][] asMatrix() {
        if (shape.length != 2) {
            throw new IllegalStateException("asMatrix: rank of '" + name + "' must be 2, got shape "
                    + formatShape(shape));
        }
        int r = shape[0];
        int c = shape[1];
        double[][] rows = new double[r][c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(data, i * c, rows[i], 0, c);
        }
        return rows;
    }

    /**
     * The values of a 1-D array of shape {@code (n,)} as a fresh array.
     *
     * @throws IllegalStateException if {@code rank() != 1}
     */
    public double[] asVector() {
        if (shape.length != 1) {
            throw new IllegalStateException("asVector: rank of '" + name + "' must be 1, got shape "
                    + formatShape(shape));
        }
        return data.clone();
    }

    /** Same values and shape under another name. */
    public NpyArray withName(String newName) {
        return wrap(newName, shape, data);
    }

    /** The shared, never-modified data array; package-private to let the codec avoid a copy. */
    double[] dataRef() {
        return data;
    }

    /** The shared, never-modified shape array; package-private to let the codec avoid a copy. */
    int[] shapeRef() {
        return shape;
    }

    /**
     * Product of the lengths as a {@code long}.
     *
     * @throws IllegalArgumentException if a length is negative or the product exceeds {@link Integer#MAX_VALUE}
     */
    static long checkedSize(int[] shape) {
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("shape[" + i + "] must be >= 0, got " + shape[i]);
            }
        }
        for (int d : shape) {
            if (d == 0) {
                return 0;
            }
            size *= d;
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("product(shape) must be <= " + Integer.MAX_VALUE
                        + ", got shape " + formatShape(shape));
            }
        }
        return size;
    }

    /** The shape as Python writes a tuple: {@code ()}, {@code (5,)}, {@code (2, 3)}. */
    static String formatShape(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i]);
        }
        if (shape.length == 1) {
            sb.append(',');
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NpyArray other)) {
            return false;
        }
        return name.equals(other.name) && Arrays.equals(shape, other.shape) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    /** A summary such as {@code NpyArray[core.weight_ih_l0, shape=(100, 3)]}; never the values. */
    @Override
    public String toString() {
        return "NpyArray[" + name + ", shape=" + formatShape(shape) + "]";
    }
}
