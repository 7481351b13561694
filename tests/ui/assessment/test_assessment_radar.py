"""The radar's axis labels stay inside the plot at any size (the radar shrinks instead)."""

import pytest

from rcdesk.ui.assessment.radar import LABEL_MARGIN, RadarPlot


@pytest.mark.parametrize("width, height", [(330, 300), (460, 420), (900, 320), (340, 700)])
def test_axis_labels_are_never_cut_and_the_radar_is_as_large_as_they_allow(
        qtbot, width, height):
    radar = RadarPlot()
    qtbot.addWidget(radar)
    radar.resize(width, height)
    radar.show()
    qtbot.waitExposed(radar)
    radar.grab()  # painted as shown: the labels (fixed pixel size) are placed
    inside = radar.getPlotItem().getViewBox().sceneBoundingRect()
    boxes = {label.textItem.toPlainText(): label.sceneBoundingRect()
             for label in radar.axis_labels}
    assert list(boxes)[0] == "1. Engagements" and len(boxes) == 8
    for text, box in boxes.items():
        assert inside.contains(box), (text, box, inside)
    gaps = [min(box.left() - inside.left(), inside.right() - box.right(),
                box.top() - inside.top(), inside.bottom() - box.bottom())
            for box in boxes.values()]
    assert min(gaps) == pytest.approx(LABEL_MARGIN, abs=2)  # one label touches the margin
