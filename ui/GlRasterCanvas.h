#pragma once
// OpenGL canvas of the raster. Each frame uploads only the vertices that arrived since the
// last frame (glBufferSubData into a ring-shaped buffer) and draws the visible range as
// points; scrolling is a uniform, so nothing is re-uploaded as time moves on.
#include "RasterModel.h"

#include <QOpenGLBuffer>
#include <QOpenGLFunctions_3_3_Core>
#include <QOpenGLShaderProgram>
#include <QOpenGLVertexArrayObject>
#include <QOpenGLWidget>

namespace plab {

class GlRasterCanvas : public QOpenGLWidget, protected QOpenGLFunctions_3_3_Core {
public:
    explicit GlRasterCanvas(const RasterModel& model, QWidget* parent = nullptr);
    ~GlRasterCanvas() override;
    std::uint64_t frames() const { return frames_; }

protected:
    void initializeGL() override;
    void paintGL() override;

private:
    void upload(std::uint64_t from, std::uint64_t to);
    void drawSpikes();

    const RasterModel& model_;
    QOpenGLShaderProgram program_;
    QOpenGLBuffer buffer_{QOpenGLBuffer::VertexBuffer};
    QOpenGLVertexArrayObject vao_;
    std::uint64_t uploaded_ = 0;
    std::uint64_t epoch_ = ~0ull;
    std::uint64_t frames_ = 0;
    bool ready_ = false;
};

} // namespace plab
