//! The geometry of the HTML report's charts, worked out here so the template only places
//! elements: bar charts by category and by sub-region, and the London tile map coloured by
//! submissions. Every coordinate is a whole number of pixels, so the SVG is the same bytes on
//! every machine.

use serde::Serialize;

use super::Figures;

/// Every chart of the HTML report.
#[derive(Debug, Clone, Serialize)]
pub struct Charts {
    pub categories: BarChart,
    pub sub_regions: BarChart,
    pub tile_map: TileMap,
}

/// A horizontal bar chart: a label column on the left, bars growing right, the value after.
#[derive(Debug, Clone, Serialize)]
pub struct BarChart {
    /// The id of the chart's `<title>`; `-desc` is appended for its `<desc>`.
    pub id: String,
    pub title: String,
    /// The text alternative: what the chart shows, in a sentence or two.
    pub description: String,
    pub width: u32,
    pub height: u32,
    /// Where the bars start (the label column's width).
    pub bar_x: u32,
    pub bars: Vec<Bar>,
}

/// One bar.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub label: String,
    pub value: usize,
    /// Top of the bar.
    pub y: u32,
    pub width: u32,
    pub height: u32,
    /// Baseline of the label and value text.
    pub text_y: u32,
    /// Where the value is written, just after the bar.
    pub value_x: u32,
}

/// The London Squared tile map: one square per authority, coloured by submissions.
#[derive(Debug, Clone, Serialize)]
pub struct TileMap {
    pub id: String,
    pub title: String,
    pub description: String,
    pub width: u32,
    pub height: u32,
    pub size: u32,
    pub tiles: Vec<TileShape>,
    pub legend: Vec<LegendEntry>,
    /// Top of the legend row.
    pub legend_y: u32,
}

/// One authority's square.
#[derive(Debug, Clone, Serialize)]
pub struct TileShape {
    pub name: String,
    pub label: String,
    pub submissions: usize,
    pub x: u32,
    pub y: u32,
    /// Centre of the square, where the label is written; the count sits below it.
    pub cx: u32,
    pub label_y: u32,
    pub count_y: u32,
    pub fill: &'static str,
    pub text: &'static str,
}

/// One colour of the tile map's key.
#[derive(Debug, Clone, Serialize)]
pub struct LegendEntry {
    pub label: &'static str,
    pub fill: &'static str,
    pub text: &'static str,
    pub x: u32,
    pub text_x: u32,
}

const BAR_ROW: u32 = 28;
const BAR_HEIGHT: u32 = 18;
const BAR_LABEL: u32 = 220;
const BAR_SPACE: u32 = 380;
const TILE: u32 = 64;
const GAP: u32 = 4;
/// Room around the grid so the outer tiles' borders are not cut off.
const MARGIN: u32 = 2;

/// Submission counts bucketed into colours (a sequential blue scale; text colour chosen for
/// at least 4.5:1 contrast on each fill): lower bound, label, fill, text colour.
const SCALE: [(usize, &str, &str, &str); 5] = [
    (0, "none", "#eef1f5", "#1f2933"),
    (1, "1", "#c6dbef", "#1f2933"),
    (2, "2", "#6baed6", "#102a43"),
    (3, "3–4", "#2171b5", "#ffffff"),
    (5, "5 or more", "#08306b", "#ffffff"),
];

fn colour(submissions: usize) -> (&'static str, &'static str) {
    let (_, _, fill, text) = SCALE
        .iter()
        .rev()
        .find(|(from, ..)| submissions >= *from)
        .copied()
        .unwrap_or(SCALE[0]);
    (fill, text)
}

/// The charts of `figures`.
pub fn charts(figures: &Figures) -> Charts {
    let categories: Vec<(String, usize)> = figures
        .categories
        .iter()
        .filter(|c| c.number.is_some())
        .map(|c| (c.id.clone(), c.entries))
        .collect();
    let sub_regions: Vec<(String, usize)> = figures
        .sub_regions
        .iter()
        .map(|r| (r.name.clone(), r.submissions))
        .collect();
    Charts {
        categories: bar_chart(
            "chart-categories",
            "Entries by category",
            "entries",
            &categories,
        ),
        sub_regions: bar_chart(
            "chart-sub-regions",
            "Submissions by ICS sub-region",
            "submissions",
            &sub_regions,
        ),
        tile_map: tile_map(figures),
    }
}

fn bar_chart(id: &str, title: &str, unit: &str, data: &[(String, usize)]) -> BarChart {
    let max = data.iter().map(|(_, v)| *v).max().unwrap_or(0);
    let bars = data
        .iter()
        .zip(0u32..)
        .map(|((label, value), i)| {
            // Whole pixels, rounded half up, so the same figures always draw the same bars.
            let width = if max == 0 {
                0
            } else {
                let scaled =
                    (*value as u64 * u64::from(BAR_SPACE) * 2 + max as u64) / (2 * max as u64);
                u32::try_from(scaled).unwrap_or(BAR_SPACE)
            };
            let y = i * BAR_ROW + (BAR_ROW - BAR_HEIGHT) / 2;
            Bar {
                label: label.clone(),
                value: *value,
                y,
                width,
                height: BAR_HEIGHT,
                text_y: y + BAR_HEIGHT - 4,
                value_x: BAR_LABEL + width + 6,
            }
        })
        .collect();
    BarChart {
        id: id.to_string(),
        title: title.to_string(),
        description: describe(title, unit, data),
        width: BAR_LABEL + BAR_SPACE + 40,
        height: (data.len() as u32).max(1) * BAR_ROW,
        bar_x: BAR_LABEL,
        bars,
    }
}

/// "Entries by category: racial-equity 3, send 1, … (7 entries in all; most: racial-equity
/// with 3)." The leaders are named only when at most three share the top, so the sentence
/// never claims one leader of a tie.
fn describe(title: &str, unit: &str, data: &[(String, usize)]) -> String {
    let total: usize = data.iter().map(|(_, v)| v).sum();
    let parts: Vec<String> = data.iter().map(|(l, v)| format!("{l} {v}")).collect();
    let max = data.iter().map(|(_, v)| *v).max().unwrap_or(0);
    let leaders: Vec<&str> = data
        .iter()
        .filter(|(_, v)| *v == max)
        .map(|(l, _)| l.as_str())
        .collect();
    let top = if max > 0 && leaders.len() <= 3 {
        let named = match leaders.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => leaders.join(""),
        };
        format!("; most: {named} with {max}")
    } else {
        String::new()
    };
    format!(
        "{title}: {} ({total} {unit} in all{top}).",
        parts.join(", ")
    )
}

fn tile_map(figures: &Figures) -> TileMap {
    let cols = figures.authorities.iter().map(|a| a.col).max().unwrap_or(0) as u32 + 1;
    let rows = figures.authorities.iter().map(|a| a.row).max().unwrap_or(0) as u32 + 1;
    let tiles: Vec<TileShape> = figures
        .authorities
        .iter()
        .map(|a| {
            let x = MARGIN + u32::from(a.col) * (TILE + GAP);
            let y = MARGIN + u32::from(a.row) * (TILE + GAP);
            let (fill, text) = colour(a.submissions);
            TileShape {
                name: a.name.clone(),
                label: a.label.clone(),
                submissions: a.submissions,
                x,
                y,
                cx: x + TILE / 2,
                label_y: y + TILE / 2 - 2,
                count_y: y + TILE / 2 + 16,
                fill,
                text,
            }
        })
        .collect();
    let legend = SCALE
        .iter()
        .zip(0u32..)
        .map(|(&(_, label, fill, text), i)| LegendEntry {
            label,
            fill,
            text,
            x: MARGIN + i * 104,
            text_x: MARGIN + i * 104 + 24,
        })
        .collect();
    let taking_part = figures
        .authorities
        .iter()
        .filter(|a| a.submissions > 0)
        .count();
    let mut most: Vec<&super::AuthorityRow> = figures
        .authorities
        .iter()
        .filter(|a| a.submissions > 0)
        .collect();
    most.sort_by(|a, b| {
        b.submissions
            .cmp(&a.submissions)
            .then_with(|| a.name.cmp(&b.name))
    });
    let named: Vec<String> = most
        .iter()
        .map(|a| format!("{} {}", a.name, a.submissions))
        .collect();
    let description = if named.is_empty() {
        "A tile map of London's 33 authorities: none has a submitted entry yet.".to_string()
    } else {
        format!(
            "A tile map of London's 33 authorities, one square each in its rough place, shaded by submitted entries: {taking_part} of 33 take part ({}); the other {} have none.",
            named.join(", "),
            33usize.saturating_sub(taking_part)
        )
    };
    let grid_height = MARGIN + rows * (TILE + GAP);
    TileMap {
        id: "chart-tile-map".to_string(),
        title: "Submissions by authority: a London tile map".to_string(),
        description,
        width: (2 * MARGIN + cols * (TILE + GAP)).max(5 * 104),
        height: grid_height + 36,
        size: TILE,
        tiles,
        legend,
        legend_y: grid_height + 10,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_longest_and_round_half_up() {
        let chart = bar_chart(
            "c",
            "T",
            "entries",
            &[("a".into(), 3), ("b".into(), 1), ("c".into(), 0)],
        );
        let widths: Vec<u32> = chart.bars.iter().map(|b| b.width).collect();
        assert_eq!(widths, vec![BAR_SPACE, 127, 0]);
        assert_eq!(
            chart.description,
            "T: a 3, b 1, c 0 (4 entries in all; most: a with 3)."
        );
    }

    #[test]
    fn a_tie_names_every_leader_or_none() {
        let two = bar_chart("c", "T", "entries", &[("a".into(), 2), ("b".into(), 2)]);
        assert_eq!(
            two.description,
            "T: a 2, b 2 (4 entries in all; most: a and b with 2)."
        );
        let four: Vec<(String, usize)> = ["a", "b", "c", "d"].map(|l| (l.to_string(), 1)).into();
        let four = bar_chart("c", "T", "entries", &four);
        assert_eq!(
            four.description,
            "T: a 1, b 1, c 1, d 1 (4 entries in all)."
        );
    }

    #[test]
    fn an_empty_chart_has_no_bars_to_divide_by() {
        let chart = bar_chart("c", "T", "entries", &[("a".into(), 0)]);
        assert_eq!(chart.bars[0].width, 0);
        assert_eq!(chart.description, "T: a 0 (0 entries in all).");
    }

    #[test]
    fn colours_follow_the_buckets() {
        assert_eq!(colour(0).0, "#eef1f5");
        assert_eq!(colour(1).0, "#c6dbef");
        assert_eq!(colour(4).0, "#2171b5");
        assert_eq!(colour(40).0, "#08306b");
    }
}
