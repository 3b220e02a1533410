#include "GlRasterCanvas.h"

#include "Palette.h"

namespace plab {

namespace {

const char* kVertexShader = R"(#version 330 core
layout(location = 0) in vec3 vertex;   // t (s since origin), y (0..1), colour index
uniform float t0;
uniform float window;
uniform float pointSize;
uniform vec3 colors[12];
out vec3 color;
void main() {
    gl_Position = vec4(2.0 * (vertex.x - t0) / window - 1.0, 2.0 * vertex.y - 1.0, 0.0, 1.0);
    gl_PointSize = pointSize;
    color = colors[int(vertex.z)];
}
)";

const char* kFragmentShader = R"(#version 330 core
in vec3 color;
out vec4 fragment;
void main() { fragment = vec4(color, 1.0); }
)";

} // namespace

GlRasterCanvas::GlRasterCanvas(const RasterModel& model, QWidget* parent) : QOpenGLWidget(parent), model_(model)
{
    QSurfaceFormat format;
    format.setVersion(3, 3);
    format.setProfile(QSurfaceFormat::CoreProfile);
    setFormat(format);
}

GlRasterCanvas::~GlRasterCanvas()
{
    makeCurrent();
    vao_.destroy();
    buffer_.destroy();
    doneCurrent();
}

void GlRasterCanvas::initializeGL()
{
    initializeOpenGLFunctions();
    program_.addShaderFromSourceCode(QOpenGLShader::Vertex, kVertexShader);
    program_.addShaderFromSourceCode(QOpenGLShader::Fragment, kFragmentShader);
    ready_ = program_.link();
    vao_.create();
    vao_.bind();
    buffer_.create();
    buffer_.bind();
    buffer_.setUsagePattern(QOpenGLBuffer::DynamicDraw);
    buffer_.allocate(int(model_.capacity() * sizeof(RasterVertex)));
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, sizeof(RasterVertex), nullptr);
    vao_.release();
    epoch_ = ~0ull;
}

void GlRasterCanvas::upload(std::uint64_t from, std::uint64_t to)
{
    const std::size_t cap = model_.capacity();
    while (from < to) {
        const std::size_t start = std::size_t(from % cap);
        const std::size_t n = std::min<std::size_t>(to - from, cap - start);  // up to the ring's end
        buffer_.write(int(start * sizeof(RasterVertex)), model_.ring().data() + start, int(n * sizeof(RasterVertex)));
        from += n;
    }
}

void GlRasterCanvas::paintGL()
{
    ++frames_;
    const QColor background = palette().color(QPalette::Base);
    glClearColor(background.redF(), background.greenF(), background.blueF(), 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    if (ready_)
        drawSpikes();
}

void GlRasterCanvas::drawSpikes()
{
    // Upload only what is new; everything after an origin change or a clear.
    const std::uint64_t written = model_.written();
    const std::uint64_t oldest = written > model_.capacity() ? written - model_.capacity() : 0;
    if (epoch_ != model_.epoch() || uploaded_ < oldest || uploaded_ > written) {
        uploaded_ = oldest;
        epoch_ = model_.epoch();
    }
    buffer_.bind();
    upload(uploaded_, written);
    uploaded_ = written;
    buffer_.release();

    const std::uint64_t first = model_.firstVisible();
    if (first >= written)
        return;
    const qreal dpr = devicePixelRatioF();
    glEnable(GL_PROGRAM_POINT_SIZE);
    program_.bind();
    program_.setUniformValue("t0", float(model_.now() - model_.window() - model_.origin()));
    program_.setUniformValue("window", float(model_.window()));
    program_.setUniformValue("pointSize", float(model_.spikeSize() * dpr));
    for (int c = 0; c < palette::kCount; ++c) {
        const QColor col = palette::color(c);
        program_.setUniformValue(QString("colors[%1]").arg(c).toLatin1().constData(),
                                 QVector3D(col.redF(), col.greenF(), col.blueF()));
    }
    vao_.bind();
    const std::size_t cap = model_.capacity();
    const std::size_t a = std::size_t(first % cap);
    const std::size_t count = std::size_t(written - first);
    const std::size_t firstPart = std::min(count, cap - a);
    glDrawArrays(GL_POINTS, GLint(a), GLsizei(firstPart));
    if (count > firstPart)
        glDrawArrays(GL_POINTS, 0, GLsizei(count - firstPart));
    vao_.release();
    program_.release();
    glDisable(GL_PROGRAM_POINT_SIZE);
}

} // namespace plab
