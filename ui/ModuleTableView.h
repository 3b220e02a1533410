#pragma once
// One module's table, as a user checks a Bayesian network's tables: a row per Markov-blanket
// configuration (the heaviest under p*, or under p*(mb | evidence) when there is evidence,
// first), the module's learned p(x | mb) next to the true p*(x | mb) for each value, the
// row's KL coloured from green to red, and the row's probability under p*.
#include "BayesNetState.h"

#include <QWidget>
#include <memory>

class QLabel;
class QTableWidget;

namespace plab {

class ModuleTableView : public QWidget {
    Q_OBJECT
public:
    /// Rows captured per module (the heaviest; the heading says how much they hold).
    static constexpr std::size_t kRows = 48;

    explicit ModuleTableView(QWidget* parent = nullptr);
    /// Shows variable v's module (−1: none chosen yet) from the state.
    void show(const std::shared_ptr<const BayesNetState>& state, int variable);
    int variable() const { return variable_; }
    /// No module chosen (another network was loaded): the hint, no rows.
    void clear();
    QTableWidget* table() const { return table_; }
    QString heading() const;

private:
    QLabel* heading_ = nullptr;
    QTableWidget* table_ = nullptr;
    int variable_ = -1;
};

/// Colour of a row's KL (bits): green where the module is right, red where it is not.
QColor klColour(double bits);

} // namespace plab
