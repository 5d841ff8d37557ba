//! The relationship graph of an actor's page, laid out at build time for an inline SVG: the actor
//! in the centre, and around it the parties it is most linked with (whom its claims target, who
//! makes claims against or about it, the actors it appears with), one edge each, labelled with
//! the claims' kinds and counts. The layout is radial and deterministic: neighbours ranked by
//! their number of claims, then shared articles, then table order; the first on top (beside the
//! centre when there are two at most), the others clockwise at equal angles; each label set
//! outward from its node, so labels do not overlap. The template draws it and words it; the same
//! data is its text alternative.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Chip;
use crate::model::{ActorId, Archive, ClaimId, ClaimKind, Party};

/// How many neighbours the graph shows at most.
pub const SHOWN: usize = 8;
/// How many of a neighbour's relations its label in the drawing lists; the text list has all.
const LABEL_RELATIONS: usize = 3;
/// The distance from the centre to each neighbour, in SVG units.
const RADIUS: i32 = 150;
const CENTRE_RADIUS: i32 = 22;
const NODE_RADIUS: i32 = 10;
/// A line of label text, and the estimated width of one character, in SVG units.
const LINE_HEIGHT: i32 = 16;
const CHAR_WIDTH: i32 = 7;
/// The gap between a node and its label, and around the drawing.
const LABEL_GAP: i32 = 16;
const MARGIN: i32 = 12;
/// The characters of a relation's line in a label, as the templates word the longest ones.
const RELATION_CHARS: i32 = 30;
/// Names longer than this are cut in the drawing (the full name is in its tooltip and the list).
const SHORT_NAME: usize = 32;

/// Which way the claims of a relation go, seen from the centre actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Claims the centre actor makes, targeting the neighbour.
    Out,
    /// Claims the neighbour makes, targeting the centre actor or about it.
    In,
    /// Articles both appear in.
    With,
}

/// One label of an edge: the claims of one kind in one direction, or the shared articles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Relation {
    pub direction: Direction,
    /// The kind's label key and CSS class, for claims.
    pub label: Option<&'static str>,
    pub class: Option<&'static str>,
    pub count: usize,
}

/// A point of the drawing, the centre actor at `(0, 0)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

#[derive(Debug, Serialize)]
pub struct Neighbour {
    pub chip: Chip,
    /// The name as drawn, cut when long.
    pub short: String,
    /// Every relation, claims first (out, then in, each in the vocabulary's order).
    pub relations: Vec<Relation>,
    /// The relations the drawing's label lists.
    pub drawn: Vec<Relation>,
    pub node: Point,
    /// The edge from the centre's rim to the node's.
    pub from: Point,
    pub to: Point,
    /// Where the label's first line is and how it is aligned: `start`, `middle` or `end`.
    pub label: Point,
    pub anchor: &'static str,
    /// `accusation` if any claim between them is one, else `claim`, else `with`.
    pub class: &'static str,
    /// Whether the edge bears an arrow at the neighbour (the centre's claims) or at the centre.
    pub arrow_out: bool,
    pub arrow_in: bool,
}

#[derive(Debug, Serialize)]
pub struct Graph {
    pub centre: String,
    pub centre_radius: i32,
    pub node_radius: i32,
    /// The centre's name, below it.
    pub centre_label: Point,
    /// The SVG `viewBox`, which holds every node and label.
    pub view_box: String,
    pub width: i32,
    pub height: i32,
    pub neighbours: Vec<Neighbour>,
}

/// What links the centre actor and one party.
#[derive(Default)]
struct Links {
    out: BTreeMap<ClaimKind, usize>,
    into: BTreeMap<ClaimKind, usize>,
    with: usize,
}

impl Links {
    fn claims(&self) -> usize {
        self.out.values().chain(self.into.values()).sum()
    }

    fn relations(&self) -> Vec<Relation> {
        let claims = |direction, kinds: &BTreeMap<ClaimKind, usize>| -> Vec<Relation> {
            kinds
                .iter()
                .map(|(kind, count)| Relation {
                    direction,
                    label: Some(kind.row().label),
                    class: Some(kind.row().class),
                    count: *count,
                })
                .collect()
        };
        let mut relations = claims(Direction::Out, &self.out);
        relations.extend(claims(Direction::In, &self.into));
        if self.with > 0 {
            relations.push(Relation { direction: Direction::With, label: None, class: None, count: self.with });
        }
        relations
    }

    fn class(&self) -> &'static str {
        if self.out.keys().chain(self.into.keys()).any(|kind| kind.is_accusation()) {
            "accusation"
        } else if self.claims() > 0 {
            "claim"
        } else {
            "with"
        }
    }
}

/// Every party linked with actor `id`, by claims either way and by shared articles.
fn links(archive: &Archive, id: ActorId) -> BTreeMap<Party, Links> {
    let actor = archive.actor(id);
    let centre = Party::Actor(id);
    let mut links: BTreeMap<Party, Links> = BTreeMap::new();
    let mut count = |claims: &[ClaimId], parties: fn(&crate::model::Claim) -> &[Party], out: bool| {
        for claim in claims.iter().map(|claim| archive.claim(*claim)) {
            for party in parties(claim).iter().filter(|party| **party != centre) {
                let entry = links.entry(*party).or_default();
                let kinds = if out { &mut entry.out } else { &mut entry.into };
                *kinds.entry(claim.kind).or_default() += 1;
            }
        }
    };
    count(&actor.claims_made, |claim| &claim.target, true);
    count(&actor.claims_received, |claim| &claim.by, false);
    for (other, shared) in &actor.related {
        links.entry(Party::Actor(*other)).or_default().with = *shared;
    }
    links
}

/// The graph of actor `id`, with `chip` naming each party; none if it is linked with nobody.
pub fn of_actor(archive: &Archive, id: ActorId, chip: &dyn Fn(Party) -> Chip) -> Option<Graph> {
    let mut ranked: Vec<(Party, Links)> = links(archive, id).into_iter().collect();
    ranked.sort_by_key(|(party, links)| (std::cmp::Reverse(links.claims()), std::cmp::Reverse(links.with), *party));
    ranked.truncate(SHOWN);
    if ranked.is_empty() {
        return None;
    }
    let total = ranked.len();
    let neighbours: Vec<Neighbour> = ranked
        .into_iter()
        .enumerate()
        .map(|(index, (party, links))| place(chip(party), &links, index, total))
        .collect();
    let centre = archive.actor(id).name.clone();
    let centre_label = Point { x: 0, y: CENTRE_RADIUS + LABEL_GAP };
    let (mut low, mut high) = text_box(&short(&centre), 1, centre_label, "middle");
    for neighbour in &neighbours {
        let (label_low, label_high) =
            text_box(&neighbour.short, 1 + neighbour.drawn.len(), neighbour.label, neighbour.anchor);
        for point in [label_low, label_high, neighbour.node] {
            low = Point { x: low.x.min(point.x - NODE_RADIUS), y: low.y.min(point.y - NODE_RADIUS) };
            high = Point { x: high.x.max(point.x + NODE_RADIUS), y: high.y.max(point.y + NODE_RADIUS) };
        }
    }
    let (width, height) = (high.x - low.x + 2 * MARGIN, high.y - low.y + 2 * MARGIN);
    Some(Graph {
        centre,
        centre_radius: CENTRE_RADIUS,
        node_radius: NODE_RADIUS,
        centre_label,
        view_box: format!("{} {} {width} {height}", low.x - MARGIN, low.y - MARGIN),
        width,
        height,
        neighbours,
    })
}

/// Neighbour `index` of `total`, placed on the circle: the first on top (on the right when there
/// are only one or two), then clockwise.
fn place(chip: Chip, links: &Links, index: usize, total: usize) -> Neighbour {
    // One or two neighbours stand beside the centre, where labels have room; more start on top.
    let start = if total <= 2 { 0.0 } else { -std::f64::consts::FRAC_PI_2 };
    let angle = start + std::f64::consts::TAU * index as f64 / total as f64;
    let (sin, cos) = angle.sin_cos();
    let at =
        |distance: i32| Point { x: (cos * distance as f64).round() as i32, y: (sin * distance as f64).round() as i32 };
    let node = at(RADIUS);
    let relations = links.relations();
    let drawn: Vec<Relation> = relations.iter().take(LABEL_RELATIONS).cloned().collect();
    let lines = 1 + drawn.len() as i32;
    // Labels on the sides run outward from the node, centred on it; those on top stand above it
    // and those at the bottom below, so that every label lies outside the circle.
    let (anchor, label) = if cos > 0.3 {
        ("start", Point { x: node.x + LABEL_GAP, y: node.y - (lines - 1) * LINE_HEIGHT / 2 + LINE_HEIGHT / 3 })
    } else if cos < -0.3 {
        ("end", Point { x: node.x - LABEL_GAP, y: node.y - (lines - 1) * LINE_HEIGHT / 2 + LINE_HEIGHT / 3 })
    } else if sin < 0.0 {
        ("middle", Point { x: node.x, y: node.y - LABEL_GAP - (lines - 1) * LINE_HEIGHT })
    } else {
        ("middle", Point { x: node.x, y: node.y + LABEL_GAP + LINE_HEIGHT / 2 })
    };
    Neighbour {
        short: short(&chip.name),
        chip,
        drawn,
        node,
        from: at(CENTRE_RADIUS + 2),
        to: at(RADIUS - NODE_RADIUS - 2),
        label,
        anchor,
        class: links.class(),
        arrow_out: !links.out.is_empty(),
        arrow_in: !links.into.is_empty(),
        relations,
    }
}

/// A name cut to [`SHORT_NAME`] characters, with an ellipsis when cut.
fn short(name: &str) -> String {
    if name.chars().count() <= SHORT_NAME {
        return name.to_owned();
    }
    let cut: String = name.chars().take(SHORT_NAME - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The box a label of `lines` lines takes from its first line's baseline at `at` with `anchor`:
/// as wide as `name`, or as a relation's line ([`RELATION_CHARS`]) if it has any.
fn text_box(name: &str, lines: usize, at: Point, anchor: &str) -> (Point, Point) {
    let widest = if lines > 1 { RELATION_CHARS } else { 0 };
    let width = (name.chars().count() as i32).max(widest) * CHAR_WIDTH;
    let left = match anchor {
        "start" => at.x,
        "end" => at.x - width,
        _ => at.x - width / 2,
    };
    let top = at.y - LINE_HEIGHT;
    (Point { x: left, y: top }, Point { x: left + width, y: top + lines as i32 * LINE_HEIGHT })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chip(name: &str) -> Chip {
        Chip::new(name, name, "", crate::urls::PartyKind::Actor)
    }

    #[test]
    fn the_first_neighbour_stands_on_top_and_the_others_go_clockwise() {
        let links = Links { with: 1, ..Links::default() };
        let top = place(chip("a"), &links, 0, 4);
        let right = place(chip("b"), &links, 1, 4);
        assert_eq!(top.node, Point { x: 0, y: -RADIUS });
        assert_eq!(right.node, Point { x: RADIUS, y: 0 });
        assert_eq!((top.anchor, right.anchor), ("middle", "start"));
        assert!(top.label.y < top.node.y, "a label on top stands above its node");
    }

    #[test]
    fn long_names_are_cut_with_an_ellipsis() {
        assert_eq!(short("APT32"), "APT32");
        let long = short("Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao");
        assert!(long.ends_with('…') && long.chars().count() <= SHORT_NAME, "{long}");
    }

    #[test]
    fn labels_of_neighbours_do_not_overlap() {
        let links = Links {
            out: BTreeMap::from([(ClaimKind::Accuses, 2), (ClaimKind::Denies, 1)]),
            into: BTreeMap::from([(ClaimKind::Warns, 1)]),
            with: 3,
        };
        let placed: Vec<Neighbour> =
            (0..SHOWN).map(|index| place(chip("Một cái tên khá dài ở đây"), &links, index, SHOWN)).collect();
        let boxes: Vec<(Point, Point)> =
            placed.iter().map(|n| text_box(&n.short, 1 + n.drawn.len(), n.label, n.anchor)).collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let apart = a.1.x <= b.0.x || b.1.x <= a.0.x || a.1.y <= b.0.y || b.1.y <= a.0.y;
                assert!(apart, "{a:?} and {b:?} overlap");
            }
        }
    }
}
