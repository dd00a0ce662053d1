"""The bar charts of 总览 and 汇总.xlsx: openpyxl's BarChart attributes the writers set, and the
XlsxWriter chart made of them when the workbook is saved."""

from __future__ import annotations


class Reference:
    def __init__(self, worksheet, min_col: int, min_row: int, max_col: int | None = None, max_row: int | None = None):
        self.worksheet, self.min_col, self.min_row = worksheet, min_col, min_row
        self.max_col, self.max_row = max_col or min_col, max_row or min_row


class _Scaling:
    def __init__(self):
        self.orientation = "minMax"
        self.min = self.max = None


class _Axis:
    def __init__(self):
        self.title = None
        self.delete = None
        self.number_format = None
        self.crosses = None
        self.scaling = _Scaling()


class DataLabelList:
    def __init__(self):
        self.showVal = self.showSerName = self.showCatName = self.showLegendKey = False


class BarChart:
    """openpyxl's BarChart attributes the writers set: `x_axis` is the category axis, `y_axis` the
    value axis (whatever the bars' direction), sizes in cm."""

    def __init__(self):
        self.type = "col"
        self.title = None
        self.x_axis, self.y_axis = _Axis(), _Axis()
        self.legend: object | None = True
        self.dataLabels: DataLabelList | None = None
        self.height, self.width = 7.5, 15
        self.series: list[tuple] = []  # (name (sheet, row, col) or None, (sheet, r1, c, r2, c))
        self.categories = None
        self.point_colors: list[str | None] | None = None  # one bar colour per category (None: the series')
        self.bar_color: str | None = None
        self.label_number_format: str | None = None  # of the data labels (default: the cells')

    def add_data(self, ref: Reference, titles_from_data: bool = False) -> None:
        sheet = ref.worksheet.title
        first = ref.min_row + 1 if titles_from_data else ref.min_row
        for col in range(ref.min_col, ref.max_col + 1):
            name = [sheet, ref.min_row - 1, col - 1] if titles_from_data else None
            self.series.append((name, [sheet, first - 1, col - 1, ref.max_row - 1, col - 1]))

    def set_categories(self, ref: Reference) -> None:
        self.categories = [ref.worksheet.title, ref.min_row - 1, ref.min_col - 1, ref.max_row - 1, ref.max_col - 1]


_PX_PER_CM = 96 / 2.54


def render_chart(book, chart: BarChart):
    bar = chart.type == "bar"
    xc = book.add_chart({"type": "bar" if bar else "column"})
    labels = chart.dataLabels is not None and chart.dataLabels.showVal
    for name, values in chart.series:
        series: dict = {"values": values}
        if name is not None:
            series["name"] = name
        if chart.categories is not None:
            series["categories"] = chart.categories
        if labels:
            series["data_labels"] = {"value": True}
            if chart.label_number_format:
                series["data_labels"]["num_format"] = chart.label_number_format
        if chart.bar_color:
            series["fill"] = {"color": f"#{chart.bar_color}"}
        if chart.point_colors is not None:
            series["points"] = [{"fill": {"color": f"#{c}"}} if c else None for c in chart.point_colors]
        xc.add_series(series)
    if chart.title:
        xc.set_title({"name": chart.title})
    category: dict = {}
    value: dict = {}
    if chart.x_axis.scaling.orientation == "maxMin":
        category["reverse"] = True
    if chart.y_axis.crosses == "max":  # where the value axis crosses the category axis
        category["crossing"] = "max"
    if chart.y_axis.title:
        value["name"] = chart.y_axis.title
    if chart.y_axis.number_format:
        value["num_format"] = chart.y_axis.number_format
    if chart.y_axis.scaling.min is not None:
        value["min"] = chart.y_axis.scaling.min
    if chart.y_axis.scaling.max is not None:
        value["max"] = chart.y_axis.scaling.max
    # XlsxWriter names a bar chart's axes by position: x is the value axis, y the category axis
    (xc.set_y_axis if bar else xc.set_x_axis)(category)
    (xc.set_x_axis if bar else xc.set_y_axis)(value)
    if chart.legend is None:
        xc.set_legend({"none": True})
    xc.set_size({"width": round(chart.width * _PX_PER_CM), "height": round(chart.height * _PX_PER_CM)})
    return xc
