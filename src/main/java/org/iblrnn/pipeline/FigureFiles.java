package org.iblrnn.pipeline;

import java.io.IOException;
import java.nio.file.Path;

import org.iblrnn.data.AtomicFiles;
import org.iblrnn.report.Figure;
import org.iblrnn.report.PngRenderer;
import org.iblrnn.report.SvgRenderer;

/** Writes a figure as STEM.svg and STEM.png (1200 px wide), atomically. */
final class FigureFiles {
    private FigureFiles() {
    }

    static void write(Path folder, String stem, Figure figure) throws IOException {
        AtomicFiles.writeString(folder.resolve(stem + ".svg"), SvgRenderer.render(figure));
        AtomicFiles.write(folder.resolve(stem + ".png"), PngRenderer.render(figure, 1200));
    }
}
