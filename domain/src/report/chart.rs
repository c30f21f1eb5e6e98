//! Accessible SVG charts, rendered on the server: no JavaScript, readable
//! when printed, and usable without seeing colour.
//!
//! Every chart is a complete `<svg>` that scales to its container's width
//! (a `viewBox`, `width="100%"`), has `role="img"` and is labelled by its own
//! `<title>` and `<desc>` (a short Dutch summary: highest and lowest value).
//! Every bar or column carries its value as text, so colour is never the only
//! carrier of information. Bars are #1f5fa8 (6.4:1 against white) and text
//! #1a1a1a (17:1); gridlines are decoration only.
//!
//! The visible heading belongs to the page around the chart; the `<title>`
//! only names it for assistive technology and as a tooltip.

use std::fmt::Write;

const WIDTH: f64 = 640.0;
const BAR_COLOUR: &str = "#1f5fa8";
const TEXT_COLOUR: &str = "#1a1a1a";
const AXIS_COLOUR: &str = "#595959";
const GRID_COLOUR: &str = "#d0d0d0";
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

// Bar chart layout.
const BAR_LABEL_RIGHT: f64 = 200.0;
const BAR_MAX_WIDTH: f64 = 360.0;
const BAR_ROW: f64 = 28.0;
const BAR_HEIGHT: f64 = 18.0;
const BAR_TOP: f64 = 8.0;
const BAR_AXIS: f64 = 24.0;
const BAR_LABEL_CHARS: usize = 26;

// Column chart layout.
const COL_LEFT: f64 = 48.0;
const COL_RIGHT: f64 = 12.0;
const COL_TOP: f64 = 24.0;
const COL_PLOT_HEIGHT: f64 = 200.0;
const COL_MIN_SLOT: f64 = 28.0;
const COL_LABEL_CHARS: usize = 14;
/// A rough average glyph width at 12px, to decide whether labels fit.
const CHAR_WIDTH: f64 = 7.0;

/// Horizontal bars of percentages (0–100; clamped, NaN counts as 0), one per
/// `(label, percent)`, in the given order. Long labels are shortened with
/// an ellipsis; the full label is in the bar's tooltip and in the summary.
pub fn bar_chart(id: &str, title: &str, bars: &[(String, f64)]) -> String {
    let id = sanitise_id(id);
    if bars.is_empty() {
        return empty_chart(&id, title);
    }
    let values: Vec<(&str, f64)> = bars
        .iter()
        .map(|(label, v)| (label.as_str(), clamp_percent(*v)))
        .collect();
    let desc = summary(
        "Staafdiagram",
        &values,
        |v| percent_text(*v),
        |a, b| a.total_cmp(b),
    );

    let rows_height = values.len() as f64 * BAR_ROW;
    let height = BAR_TOP + rows_height + BAR_AXIS;
    let mut svg = open_svg(&id, title, &desc, WIDTH, height);

    // Gridlines and the percentage axis below.
    svg.push_str("<g aria-hidden=\"true\">");
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let x = BAR_LABEL_RIGHT + tick / 100.0 * BAR_MAX_WIDTH;
        let _ = write!(
            svg,
            "<line x1=\"{x}\" y1=\"{y1}\" x2=\"{x}\" y2=\"{y2}\" stroke=\"{colour}\" stroke-width=\"1\"/>\
             <text x=\"{x}\" y=\"{ty}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{TEXT_COLOUR}\">{label}</text>",
            x = num(x),
            y1 = num(BAR_TOP),
            y2 = num(BAR_TOP + rows_height),
            colour = if tick == 0.0 { AXIS_COLOUR } else { GRID_COLOUR },
            ty = num(BAR_TOP + rows_height + 16.0),
            label = percent_text(tick),
        );
    }
    svg.push_str("</g>");

    for (i, (label, value)) in values.iter().enumerate() {
        let row_y = BAR_TOP + i as f64 * BAR_ROW;
        let middle = row_y + BAR_ROW / 2.0;
        let width = value / 100.0 * BAR_MAX_WIDTH;
        let value_text = percent_text(*value);
        let _ = write!(
            svg,
            "<g><title>{full}: {value_text}</title>\
             <text x=\"{lx}\" y=\"{ty}\" dy=\"0.35em\" text-anchor=\"end\" fill=\"{TEXT_COLOUR}\">{short}</text>\
             <rect x=\"{bx}\" y=\"{by}\" width=\"{bw}\" height=\"{bh}\" fill=\"{BAR_COLOUR}\"/>\
             <text x=\"{vx}\" y=\"{ty}\" dy=\"0.35em\" fill=\"{TEXT_COLOUR}\">{value_text}</text></g>",
            full = escape(label),
            lx = num(BAR_LABEL_RIGHT - 8.0),
            ty = num(middle),
            short = escape(&truncate(label, BAR_LABEL_CHARS)),
            bx = num(BAR_LABEL_RIGHT),
            by = num(row_y + (BAR_ROW - BAR_HEIGHT) / 2.0),
            bw = num(width),
            bh = num(BAR_HEIGHT),
            vx = num(BAR_LABEL_RIGHT + width + 6.0),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Vertical columns of counts (e.g. completions per month), one per
/// `(label, count)`, in the given order; negative counts are drawn as 0.
/// The y axis runs from 0 to a rounded-up maximum; each column has its count
/// above it and its label below (turned 45° when labels would overlap).
pub fn column_chart(id: &str, title: &str, points: &[(String, i64)]) -> String {
    let id = sanitise_id(id);
    if points.is_empty() {
        return empty_chart(&id, title);
    }
    let values: Vec<(&str, i64)> = points
        .iter()
        .map(|(label, v)| (label.as_str(), (*v).max(0)))
        .collect();
    let total: i64 = values
        .iter()
        .fold(0_i64, |sum, (_, v)| sum.saturating_add(*v));
    let desc = format!(
        "{} Totaal: {}.",
        summary("Kolomdiagram", &values, i64::to_string, Ord::cmp),
        total
    );
    let max = values.iter().map(|(_, v)| *v).max().unwrap_or(0);
    let (top, step) = nice_scale(max);

    let n = values.len() as f64;
    let width = WIDTH.max(COL_LEFT + n * COL_MIN_SLOT + COL_RIGHT);
    let slot = (width - COL_LEFT - COL_RIGHT) / n;
    let labels: Vec<String> = values
        .iter()
        .map(|(label, _)| truncate(label, COL_LABEL_CHARS))
        .collect();
    let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64;
    let rotate = longest * CHAR_WIDTH > slot - 4.0;
    let baseline = COL_TOP + COL_PLOT_HEIGHT;
    let height = if rotate {
        baseline + 14.0 + longest * CHAR_WIDTH * std::f64::consts::FRAC_1_SQRT_2 + 10.0
    } else {
        baseline + 28.0
    };
    let mut svg = open_svg(&id, title, &desc, width, height.ceil());

    // Horizontal gridlines with the scale on the left.
    svg.push_str("<g aria-hidden=\"true\">");
    let mut tick = 0_i64;
    while tick <= top {
        let y = baseline - tick as f64 / top as f64 * COL_PLOT_HEIGHT;
        let _ = write!(
            svg,
            "<line x1=\"{x1}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"1\"/>\
             <text x=\"{tx}\" y=\"{y}\" dy=\"0.35em\" text-anchor=\"end\" font-size=\"11\" fill=\"{TEXT_COLOUR}\">{tick}</text>",
            x1 = num(COL_LEFT),
            x2 = num(width - COL_RIGHT),
            y = num(y),
            colour = if tick == 0 { AXIS_COLOUR } else { GRID_COLOUR },
            tx = num(COL_LEFT - 6.0),
        );
        match tick.checked_add(step) {
            Some(next) => tick = next,
            None => break,
        }
    }
    svg.push_str("</g>");

    let column_width = slot * 0.6;
    for (i, ((label, value), short)) in values.iter().zip(&labels).enumerate() {
        let centre = COL_LEFT + (i as f64 + 0.5) * slot;
        let column_height = *value as f64 / top as f64 * COL_PLOT_HEIGHT;
        let column_top = baseline - column_height;
        let _ = write!(
            svg,
            "<g><title>{full}: {value}</title>\
             <rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"{BAR_COLOUR}\"/>\
             <text x=\"{cx}\" y=\"{vy}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{TEXT_COLOUR}\">{value}</text>",
            full = escape(label),
            x = num(centre - column_width / 2.0),
            y = num(column_top),
            w = num(column_width),
            h = num(column_height),
            cx = num(centre),
            vy = num(column_top - 5.0),
        );
        if rotate {
            let ly = baseline + 14.0;
            let _ = write!(
                svg,
                "<text x=\"{cx}\" y=\"{ly}\" text-anchor=\"end\" font-size=\"12\" fill=\"{TEXT_COLOUR}\" \
                 transform=\"rotate(-45 {cx} {ly})\">{short}</text></g>",
                cx = num(centre),
                ly = num(ly),
                short = escape(short),
            );
        } else {
            let _ = write!(
                svg,
                "<text x=\"{cx}\" y=\"{ly}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{TEXT_COLOUR}\">{short}</text></g>",
                cx = num(centre),
                ly = num(baseline + 18.0),
                short = escape(short),
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// The `<svg>` start tag with its `<title>` and `<desc>`.
fn open_svg(id: &str, title: &str, desc: &str, width: f64, height: f64) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"100%\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{FONT}\" font-size=\"13\">\
         <title id=\"{id}-title\">{title}</title><desc id=\"{id}-desc\">{desc}</desc>",
        w = num(width),
        h = num(height),
        title = escape(title),
        desc = escape(desc),
    )
}

fn empty_chart(id: &str, title: &str) -> String {
    let mut svg = open_svg(id, title, "Geen gegevens.", WIDTH, 60.0);
    let _ = write!(
        svg,
        "<text x=\"{x}\" y=\"34\" text-anchor=\"middle\" fill=\"{TEXT_COLOUR}\">Geen gegevens</text></svg>",
        x = num(WIDTH / 2.0),
    );
    svg
}

/// "Staafdiagram met 3 waarden. Hoogste: A (93 %), laagste: B (12 %)."
/// Ties go to the first in order. `values` is not empty.
fn summary<T>(
    kind: &str,
    values: &[(&str, T)],
    show: impl Fn(&T) -> String,
    cmp: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> String {
    let (first, rest) = match values {
        [] => return "Geen gegevens.".to_string(),
        [(label, v)] => return format!("{kind} met 1 waarde: {label} ({}).", show(v)),
        [first, rest @ ..] => (first, rest),
    };
    let mut high = first;
    let mut low = first;
    for item in rest {
        if cmp(&item.1, &high.1).is_gt() {
            high = item;
        }
        if cmp(&item.1, &low.1).is_lt() {
            low = item;
        }
    }
    format!(
        "{kind} met {} waarden. Hoogste: {} ({}), laagste: {} ({}).",
        values.len(),
        high.0,
        show(&high.1),
        low.0,
        show(&low.1)
    )
}

/// The smallest "nice" top of the y axis (a multiple of 1, 2 or 5 × 10ⁿ,
/// at most five steps) at or above `max`, and its step. At least 1.
fn nice_scale(max: i64) -> (i64, i64) {
    let max = u64::try_from(max).unwrap_or(0);
    let mut magnitude: u64 = 1;
    loop {
        for m in [1, 2, 5] {
            let step = magnitude.saturating_mul(m);
            let steps = max.div_ceil(step);
            if steps <= 5 {
                let top = steps.max(1).saturating_mul(step);
                let to_i64 = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
                return (to_i64(top), to_i64(step));
            }
        }
        magnitude = magnitude.saturating_mul(10);
    }
}

/// `87 %`, `12,5 %`: one decimal at most, decimal comma, a space before `%`.
fn percent_text(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0} %")
    } else {
        format!("{rounded:.1} %").replace('.', ",")
    }
}

fn clamp_percent(value: f64) -> f64 {
    if value.is_nan() {
        0.0
    } else {
        value.clamp(0.0, 100.0)
    }
}

/// At most `max` characters, the last one an ellipsis when shortened.
fn truncate(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut short: String = text.chars().take(max.saturating_sub(1)).collect();
    short.truncate(short.trim_end().len());
    short.push('…');
    short
}

/// A coordinate with at most one decimal: `12`, `12.5`.
fn num(value: f64) -> String {
    let text = format!("{value:.1}");
    match text.strip_suffix(".0") {
        Some("-0") => "0".to_string(),
        Some(whole) => whole.to_string(),
        None => text,
    }
}

/// Only `[a-z0-9-]`, starting with a letter (an XML name): anything else
/// becomes `-`, and `chart-` is put in front when needed.
fn sanitise_id(id: &str) -> String {
    let clean: String = id
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c
            } else {
                '-'
            }
        })
        .collect();
    if clean.starts_with(|c: char| c.is_ascii_lowercase()) {
        clean
    } else {
        format!("chart-{clean}")
    }
}

/// Text and attribute content for XML.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(haystack: &str, needle: &str) -> usize {
        haystack.matches(needle).count()
    }

    /// Parse-free well-formedness: one svg, balanced groups and texts, no
    /// stray `&` that is not an entity.
    fn assert_well_formed(svg: &str) {
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>"));
        assert_eq!(count(svg, "<svg"), 1);
        assert_eq!(count(svg, "</svg>"), 1);
        assert_eq!(count(svg, "<g"), count(svg, "</g>"));
        assert_eq!(count(svg, "<text"), count(svg, "</text>"));
        assert_eq!(count(svg, "<title"), count(svg, "</title>"));
        assert_eq!(count(svg, "<desc"), 1);
        assert_eq!(count(svg, "<"), count(svg, ">"));
        for (i, _) in svg.match_indices('&') {
            let rest = &svg[i..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                    .iter()
                    .any(|e| rest.starts_with(e)),
                "raw & at {i}: {}",
                &rest[..rest.len().min(20)]
            );
        }
        assert!(svg.contains("width=\"100%\""));
        assert!(svg.contains("role=\"img\""));
    }

    fn bars(items: &[(&str, f64)]) -> Vec<(String, f64)> {
        items.iter().map(|(l, v)| ((*l).to_string(), *v)).collect()
    }

    fn points(items: &[(&str, i64)]) -> Vec<(String, i64)> {
        items.iter().map(|(l, v)| ((*l).to_string(), *v)).collect()
    }

    #[test]
    fn bar_chart_values_labels_and_summary() {
        let svg = bar_chart(
            "Afronding per Afdeling!",
            "Afronding per afdeling",
            &bars(&[
                ("Zorg", 87.0),
                ("ICT", 93.0),
                ("Facilitair", 12.0),
                ("Staf", 12.5),
            ]),
        );
        assert_well_formed(&svg);
        assert!(svg.contains(
            "aria-labelledby=\"afronding-per-afdeling--title afronding-per-afdeling--desc\""
        ));
        assert!(svg.contains(
            "<title id=\"afronding-per-afdeling--title\">Afronding per afdeling</title>"
        ));
        for text in [
            ">87 %<",
            ">93 %<",
            ">12 %<",
            ">12,5 %<",
            ">Zorg<",
            ">ICT<",
            ">Facilitair<",
        ] {
            assert!(svg.contains(text), "missing {text}");
        }
        assert!(svg.contains(
            "<desc id=\"afronding-per-afdeling--desc\">Staafdiagram met 4 waarden. \
             Hoogste: ICT (93 %), laagste: Facilitair (12 %).</desc>"
        ));
        assert_eq!(count(&svg, &format!("fill=\"{BAR_COLOUR}\"")), 4);
        // Four rows: the height grows with the bars.
        assert!(svg.contains("viewBox=\"0 0 640 144\""));
        let more = bar_chart("x", "t", &bars(&[("a", 1.0); 10]));
        assert!(more.contains("viewBox=\"0 0 640 312\""));
    }

    #[test]
    fn bar_chart_escapes_and_truncates() {
        let long = "Afdeling Klantcontact en Servicedesk <&> Noord-Holland";
        let svg = bar_chart(
            "a",
            "Titel \"met\" <tekens> & 'zo'",
            &bars(&[(long, 50.0), ("B", 40.0)]),
        );
        assert_well_formed(&svg);
        assert!(!svg.contains("<&>"));
        assert!(svg.contains("&lt;&amp;&gt;"));
        assert!(svg.contains("Titel &quot;met&quot; &lt;tekens&gt; &amp; &apos;zo&apos;"));
        // The visible label is shortened, the tooltip has it all.
        assert!(svg.contains(">Afdeling Klantcontact en…</text>"));
        assert!(svg.contains(
            "<title>Afdeling Klantcontact en Servicedesk &lt;&amp;&gt; Noord-Holland: 50 %</title>"
        ));
    }

    #[test]
    fn bar_chart_clamps() {
        let svg = bar_chart(
            "c",
            "t",
            &bars(&[("nan", f64::NAN), ("hoog", 250.0), ("laag", -3.0)]),
        );
        assert_well_formed(&svg);
        assert_eq!(count(&svg, ">0 %</text></g>"), 2);
        // One in the axis group, one after the clamped bar.
        assert_eq!(count(&svg, ">100 %</text></g>"), 2);
        assert!(!svg.contains("NaN"));
        assert!(svg.contains(&format!("width=\"{}\"", num(BAR_MAX_WIDTH))));
        assert!(svg.contains("Hoogste: hoog (100 %), laagste: nan (0 %)."));
    }

    #[test]
    fn single_and_empty() {
        let svg = bar_chart("één", "t", &bars(&[("Alleen", 42.0)]));
        assert_well_formed(&svg);
        assert!(svg.contains("Staafdiagram met 1 waarde: Alleen (42 %).</desc>"));
        assert!(svg.contains("aria-labelledby=\"chart---n-title chart---n-desc\""));

        for svg in [
            bar_chart("leeg", "Leeg", &[]),
            column_chart("leeg", "Leeg", &[]),
        ] {
            assert_well_formed(&svg);
            assert!(svg.contains(">Geen gegevens</text>"));
            assert!(svg.contains("<desc id=\"leeg-desc\">Geen gegevens.</desc>"));
            assert!(!svg.contains("<rect"));
        }
    }

    #[test]
    fn ids_are_sanitised() {
        assert_eq!(sanitise_id("Chart_1"), "chart-1");
        assert_eq!(sanitise_id("9maanden"), "chart-9maanden");
        assert_eq!(sanitise_id(""), "chart-");
        assert_eq!(sanitise_id("a\"><script>"), "a---script-");
        assert_eq!(sanitise_id("één"), "chart---n");
    }

    #[test]
    fn column_chart_values_scale_and_summary() {
        let svg = column_chart(
            "per-maand",
            "Afgerond per maand",
            &points(&[
                ("2026-01", 12),
                ("2026-02", 0),
                ("2026-03", 37),
                ("2026-04", -4),
            ]),
        );
        assert_well_formed(&svg);
        for text in [
            ">12</text>",
            ">0</text>",
            ">37</text>",
            ">2026-01</text>",
            ">2026-04</text>",
        ] {
            assert!(svg.contains(text), "missing {text}");
        }
        assert!(svg.contains(
            "<desc id=\"per-maand-desc\">Kolomdiagram met 4 waarden. \
             Hoogste: 2026-03 (37), laagste: 2026-02 (0). Totaal: 49.</desc>"
        ));
        // Scale 0–40 in steps of 10.
        for tick in [
            ">0</text>",
            ">10</text>",
            ">20</text>",
            ">30</text>",
            ">40</text>",
        ] {
            assert!(svg.contains(tick), "missing tick {tick}");
        }
        assert!(!svg.contains(">50</text>"));
        assert_eq!(count(&svg, "<rect"), 4);
        assert!(!svg.contains("rotate("));
    }

    #[test]
    fn column_chart_many_points_widens_and_rotates() {
        let many: Vec<(String, i64)> = (1..=36).map(|m| (format!("maand {m}"), m)).collect();
        let svg = column_chart("veel", "Veel", &many);
        assert_well_formed(&svg);
        assert!(svg.contains("viewBox=\"0 0 1068 "));
        assert_eq!(count(&svg, "rotate(-45"), 36);
        assert!(svg.contains(">36</text>"));
        let long = column_chart(
            "l",
            "L",
            &points(&[("Een heel erg lange maandnaam", 3), ("Kort", 1)]),
        );
        assert_well_formed(&long);
        assert!(long.contains("<title>Een heel erg lange maandnaam: 3</title>"));
        assert!(long.contains(">Een heel erg…</text>"));
    }

    #[test]
    fn nice_scales() {
        assert_eq!(nice_scale(0), (1, 1));
        assert_eq!(nice_scale(-5), (1, 1));
        assert_eq!(nice_scale(1), (1, 1));
        assert_eq!(nice_scale(5), (5, 1));
        assert_eq!(nice_scale(6), (6, 2));
        assert_eq!(nice_scale(37), (40, 10));
        assert_eq!(nice_scale(100), (100, 20));
        assert_eq!(nice_scale(101), (150, 50));
        assert_eq!(nice_scale(1234), (1500, 500));
        assert!(nice_scale(i64::MAX).0 >= i64::MAX / 2);
    }

    #[test]
    fn number_formats() {
        assert_eq!(percent_text(87.0), "87 %");
        assert_eq!(percent_text(12.5), "12,5 %");
        assert_eq!(percent_text(99.96), "100 %");
        assert_eq!(percent_text(33.333), "33,3 %");
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.25), "12.2");
        assert_eq!(num(-0.01), "0");
        assert_eq!(truncate("kort", 5), "kort");
        assert_eq!(truncate("precies vijf", 5), "prec…");
        assert_eq!(truncate("ab cd", 4), "ab…");
    }
}
