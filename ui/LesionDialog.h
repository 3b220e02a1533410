#pragma once
// Simulation → Lesion…: one dialog for the whole lesion vocabulary (lesion/Lesion.h) of the
// running network — neurons of a population (remove, silence, restore; by fraction at random
// or by weight, by preference, or by number), the synapses of a pathway (by fraction: at
// random, strongest or weakest first), weight noise and weight scaling. It builds the command
// text (shown as it will be logged); "Compare with an intact copy" forks the run first.
#include "lesion/LesionSite.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace plab {

class LesionDialog : public QDialog {
    Q_OBJECT
public:
    LesionDialog(std::vector<LesionPopulation> populations, std::vector<LesionPathway> pathways,
                 QWidget* parent = nullptr);

    /// The command as the engine reads it ("lesion neurons zv random 0.25").
    QString command() const;
    bool compare() const;
    void setCompare(bool on);
    /// Preselects neurons by number (from a selection in a view): "lesion neurons POP 3,5".
    void selectNeurons(const QString& population, const QString& numbers);
    /// Preselects a population (its neurons, chosen in the dialog) or a pathway's synapses.
    void selectPopulation(const QString& population);
    void selectPathway(const QString& pathway);

    // For tests and scripted use.
    QComboBox* targetBox() const { return target_; }
    QComboBox* whatBox() const { return what_; }
    QComboBox* howBox() const { return how_; }
    QDoubleSpinBox* amountBox() const { return amount_; }

private:
    void update();

    std::vector<LesionPopulation> populations_;
    std::vector<LesionPathway> pathways_;
    QComboBox* target_;  // neurons, synapses, weights
    QComboBox* what_;    // population or pathway
    QComboBox* action_;  // remove, silence, restore
    QComboBox* how_;     // selection, or noise|scale
    QDoubleSpinBox* amount_;
    QComboBox* value_;   // a preference
    QLineEdit* numbers_;
    QCheckBox* compare_;
    QLabel* preview_;
};

} // namespace plab
