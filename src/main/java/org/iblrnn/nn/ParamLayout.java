package org.iblrnn.nn;

import java.util.List;

/** The ordered named blocks of a flat parameter vector. */
public final class ParamLayout {
    private final List<ParamBlock> blocks;
    private final int size;

    public ParamLayout(List<ParamBlock> blocks) {
        this.blocks = List.copyOf(blocks);
        int end = 0;
        for (ParamBlock b : this.blocks) {
            if (b.offset() != end) {
                throw new IllegalArgumentException("block " + b.name() + " must start at " + end + ", got " + b.offset());
            }
            end += b.size();
        }
        this.size = end;
    }

    public List<ParamBlock> blocks() {
        return blocks;
    }

    /** Total number of parameters. */
    public int size() {
        return size;
    }

    /** The block called {@code name}. */
    public ParamBlock block(String name) {
        for (ParamBlock b : blocks) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("no parameter block named " + name + "; have " + names());
    }

    public List<String> names() {
        return blocks.stream().map(ParamBlock::name).toList();
    }

    /** The block containing flat index {@code i}. */
    public ParamBlock blockOf(int i) {
        for (ParamBlock b : blocks) {
            if (i >= b.offset() && i < b.offset() + b.size()) {
                return b;
            }
        }
        throw new IllegalArgumentException("index must be in [0, " + size + "), got " + i);
    }
}
