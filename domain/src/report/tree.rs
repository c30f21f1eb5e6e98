//! The department tree: directie → afdeling → team, any depth.
//!
//! Departments come from the database as flat rows with a parent id. HR data
//! is not always clean, so [`DeptTree::new`] repairs it rather than failing:
//!
//! - a node whose parent does not exist (or is the node itself) becomes a root;
//! - in a cycle (A → B → A) the link from the member with the lowest id to its
//!   parent is cut, so that member becomes a root and the rest hangs below it;
//! - a repeated id keeps the first row and drops the rest.
//!
//! After that every walk up or down the tree terminates. Siblings are sorted
//! by name (case-insensitive, then id), which is the order every list and
//! report shows them in.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::ops::AddAssign;

use serde::{Deserialize, Serialize};

/// One department as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeptNode {
    pub id: i32,
    pub parent_id: Option<i32>,
    pub name: String,
    /// HR's department code, when it has one.
    pub code: Option<String>,
}

/// The repaired tree with its indexes. Build it once per request with
/// [`DeptTree::new`]; all queries are then cheap.
#[derive(Debug, Clone, Default)]
pub struct DeptTree {
    /// In input order, duplicates removed.
    nodes: Vec<DeptNode>,
    /// id → index into `nodes`.
    index: HashMap<i32, usize>,
    /// id → effective parent after repair.
    parent: HashMap<i32, Option<i32>>,
    /// id → children, sorted by name.
    children: HashMap<i32, Vec<i32>>,
    /// Roots, sorted by name.
    roots: Vec<i32>,
    /// All nodes in pre-order with their depth.
    preorder: Vec<(i32, usize)>,
    /// id → position in `preorder`.
    position: HashMap<i32, usize>,
}

const NO_CHILDREN: &[i32] = &[];

impl DeptTree {
    /// Build the tree, repairing missing parents and cycles (see the module
    /// docs). Never fails and never loops.
    pub fn new(nodes: Vec<DeptNode>) -> DeptTree {
        let mut kept: Vec<DeptNode> = Vec::with_capacity(nodes.len());
        let mut index = HashMap::with_capacity(nodes.len());
        for node in nodes {
            if let std::collections::hash_map::Entry::Vacant(e) = index.entry(node.id) {
                e.insert(kept.len());
                kept.push(node);
            }
        }

        // Parents that exist and are not the node itself.
        let mut parent: HashMap<i32, Option<i32>> = kept
            .iter()
            .map(|n| {
                let p = n.parent_id.filter(|p| *p != n.id && index.contains_key(p));
                (n.id, p)
            })
            .collect();
        break_cycles(&kept, &mut parent);

        // Sort keys once: lowercase name, then id.
        let keys: HashMap<i32, (String, i32)> = kept
            .iter()
            .map(|n| (n.id, (n.name.to_lowercase(), n.id)))
            .collect();
        let by_name = |a: &i32, b: &i32| -> Ordering { keys.get(a).cmp(&keys.get(b)) };

        let mut children: HashMap<i32, Vec<i32>> = HashMap::new();
        let mut roots = Vec::new();
        for node in &kept {
            match parent.get(&node.id).copied().flatten() {
                Some(p) => children.entry(p).or_default().push(node.id),
                None => roots.push(node.id),
            }
        }
        roots.sort_by(by_name);
        for list in children.values_mut() {
            list.sort_by(by_name);
        }

        let mut tree = DeptTree {
            nodes: kept,
            index,
            parent,
            children,
            roots,
            preorder: Vec::new(),
            position: HashMap::new(),
        };
        let mut preorder = Vec::with_capacity(tree.nodes.len());
        let mut stack: Vec<(i32, usize)> = tree.roots.iter().rev().map(|r| (*r, 0)).collect();
        while let Some((id, depth)) = stack.pop() {
            preorder.push((id, depth));
            stack.extend(tree.children(id).iter().rev().map(|c| (*c, depth + 1)));
        }
        tree.position = preorder
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect();
        tree.preorder = preorder;
        tree
    }

    /// The department with this id.
    pub fn get(&self, id: i32) -> Option<&DeptNode> {
        self.index.get(&id).and_then(|i| self.nodes.get(*i))
    }

    /// The top-level departments, sorted by name.
    pub fn roots(&self) -> &[i32] {
        &self.roots
    }

    /// The direct children of `id`, sorted by name; empty for a leaf or an
    /// unknown id.
    pub fn children(&self, id: i32) -> &[i32] {
        self.children.get(&id).map_or(NO_CHILDREN, Vec::as_slice)
    }

    /// The effective parent of `id` (after repair); `None` for a root or an
    /// unknown id.
    pub fn parent(&self, id: i32) -> Option<i32> {
        self.parent.get(&id).copied().flatten()
    }

    /// `id` followed by all its descendants in pre-order (siblings by name);
    /// empty for an unknown id.
    pub fn subtree(&self, id: i32) -> Vec<i32> {
        let Some(start) = self.position.get(&id).copied() else {
            return Vec::new();
        };
        let depth = self.preorder[start].1;
        let mut out = vec![id];
        out.extend(
            self.preorder[start + 1..]
                .iter()
                .take_while(|(_, d)| *d > depth)
                .map(|(i, _)| *i),
        );
        out
    }

    /// The path from the root down to and including `id`; empty for an
    /// unknown id.
    pub fn ancestors(&self, id: i32) -> Vec<i32> {
        if !self.index.contains_key(&id) {
            return Vec::new();
        }
        let mut path = vec![id];
        let mut current = id;
        // Acyclic after repair; the bound is a second line of defence.
        while let Some(p) = self.parent(current) {
            if path.len() > self.nodes.len() {
                break;
            }
            path.push(p);
            current = p;
        }
        path.reverse();
        path
    }

    /// How deep `id` sits: 0 for a root (and for an unknown id).
    pub fn depth(&self, id: i32) -> usize {
        self.position
            .get(&id)
            .and_then(|i| self.preorder.get(*i))
            .map_or(0, |(_, d)| *d)
    }

    /// Whether `id` is `root` or one of its descendants.
    pub fn is_within(&self, id: i32, root: i32) -> bool {
        if id == root {
            return true;
        }
        let mut current = id;
        let mut steps = 0;
        while let Some(p) = self.parent(current) {
            if p == root {
                return true;
            }
            steps += 1;
            if steps > self.nodes.len() {
                break;
            }
            current = p;
        }
        false
    }

    /// Every node with its depth in pre-order (roots and siblings by name):
    /// the order of an indented select list.
    pub fn preorder(&self) -> Vec<(i32, usize)> {
        self.preorder.clone()
    }

    /// The names from the root down to `id`, joined with `" / "`; empty for
    /// an unknown id.
    pub fn path_name(&self, id: i32) -> String {
        self.ancestors(id)
            .iter()
            .filter_map(|a| self.get(*a).map(|n| n.name.as_str()))
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// Whether moving `id` under `new_parent` would make a cycle: the new
    /// parent is `id` itself or lies inside `id`'s subtree. Moving to the top
    /// (`None`) never does.
    pub fn would_create_cycle(&self, id: i32, new_parent: Option<i32>) -> bool {
        new_parent.is_some_and(|p| self.is_within(p, id))
    }

    /// The number of departments (after dropping duplicate ids).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// All departments in input order.
    pub fn nodes(&self) -> impl Iterator<Item = &DeptNode> {
        self.nodes.iter()
    }

    /// For every department, its own value plus those of all its
    /// descendants. Departments missing from `own` count as
    /// `T::default()`; ids in `own` that are not in the tree are ignored.
    /// One bottom-up pass: O(n) additions.
    pub fn rollup<T: Clone + AddAssign + Default>(&self, own: &HashMap<i32, T>) -> HashMap<i32, T> {
        let mut totals: HashMap<i32, T> = self
            .nodes
            .iter()
            .map(|n| (n.id, own.get(&n.id).cloned().unwrap_or_default()))
            .collect();
        // In reverse pre-order every node comes after all its descendants,
        // so its total is complete when it is added to its parent.
        for (id, _) in self.preorder.iter().rev() {
            let Some(p) = self.parent(*id) else {
                continue;
            };
            let Some(value) = totals.get(id).cloned() else {
                continue;
            };
            if let Some(total) = totals.get_mut(&p) {
                *total += value;
            }
        }
        totals
    }
}

/// Cut one link in every cycle of `parent`: the one from the member with the
/// lowest id. Each node is walked at most once: O(n).
fn break_cycles(nodes: &[DeptNode], parent: &mut HashMap<i32, Option<i32>>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        OnPath,
        Done,
    }
    let mut marks: HashMap<i32, Mark> = HashMap::with_capacity(nodes.len());
    for node in nodes {
        let mut path = Vec::new();
        let mut current = Some(node.id);
        while let Some(id) = current {
            match marks.get(&id) {
                Some(Mark::Done) => break,
                Some(Mark::OnPath) => {
                    // `id` is on the current path: the path from `id` on is a cycle.
                    let start = path.iter().position(|p| *p == id).unwrap_or(0);
                    if let Some(lowest) = path[start..].iter().min().copied() {
                        parent.insert(lowest, None);
                    }
                    break;
                }
                None => {
                    marks.insert(id, Mark::OnPath);
                    path.push(id);
                    current = parent.get(&id).copied().flatten();
                }
            }
        }
        for id in path {
            marks.insert(id, Mark::Done);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: i32, parent: Option<i32>, name: &str) -> DeptNode {
        DeptNode {
            id,
            parent_id: parent,
            name: name.into(),
            code: Some(format!("D{id}")),
        }
    }

    /// Directie (1)
    /// ├── Zorg (2)
    /// │   ├── team Oost (4)
    /// │   └── Team Noord (5)
    /// └── Bedrijfsvoering (3)
    ///     └── ICT (6)
    /// Raad van Toezicht (7)
    fn sample() -> DeptTree {
        DeptTree::new(vec![
            node(4, Some(2), "team Oost"),
            node(1, None, "Directie"),
            node(2, Some(1), "Zorg"),
            node(3, Some(1), "Bedrijfsvoering"),
            node(5, Some(2), "Team Noord"),
            node(6, Some(3), "ICT"),
            node(7, None, "Raad van Toezicht"),
        ])
    }

    #[test]
    fn structure_sorted_by_name_case_insensitive() {
        let t = sample();
        assert_eq!(t.len(), 7);
        assert!(!t.is_empty());
        assert_eq!(t.roots(), &[1, 7]);
        assert_eq!(t.children(1), &[3, 2]);
        assert_eq!(t.children(2), &[5, 4], "Noord before oost, ignoring case");
        assert_eq!(t.children(6), &[] as &[i32]);
        assert_eq!(t.children(99), &[] as &[i32]);
        assert_eq!(t.get(6).map(|n| n.name.as_str()), Some("ICT"));
        assert_eq!(t.get(99), None);
        assert_eq!(t.parent(4), Some(2));
        assert_eq!(t.parent(1), None);
        let ids: Vec<i32> = t.nodes().map(|n| n.id).collect();
        assert_eq!(ids, vec![4, 1, 2, 3, 5, 6, 7]);
    }

    #[test]
    fn equal_names_sort_by_id() {
        let t = DeptTree::new(vec![
            node(9, None, "Team"),
            node(3, None, "team"),
            node(5, None, "Afdeling"),
        ]);
        assert_eq!(t.roots(), &[5, 3, 9]);
    }

    #[test]
    fn subtree_ancestors_depth() {
        let t = sample();
        assert_eq!(t.subtree(1), vec![1, 3, 6, 2, 5, 4]);
        assert_eq!(t.subtree(2), vec![2, 5, 4]);
        assert_eq!(t.subtree(6), vec![6]);
        assert_eq!(t.subtree(7), vec![7]);
        assert_eq!(t.subtree(99), Vec::<i32>::new());
        assert_eq!(t.ancestors(4), vec![1, 2, 4]);
        assert_eq!(t.ancestors(1), vec![1]);
        assert_eq!(t.ancestors(99), Vec::<i32>::new());
        assert_eq!(t.depth(1), 0);
        assert_eq!(t.depth(2), 1);
        assert_eq!(t.depth(4), 2);
        assert_eq!(t.depth(99), 0);
    }

    #[test]
    fn preorder_and_path_names() {
        let t = sample();
        assert_eq!(
            t.preorder(),
            vec![(1, 0), (3, 1), (6, 2), (2, 1), (5, 2), (4, 2), (7, 0)]
        );
        assert_eq!(t.path_name(4), "Directie / Zorg / team Oost");
        assert_eq!(t.path_name(7), "Raad van Toezicht");
        assert_eq!(t.path_name(99), "");
    }

    #[test]
    fn within_and_cycle_checks() {
        let t = sample();
        assert!(t.is_within(4, 1));
        assert!(t.is_within(4, 2));
        assert!(t.is_within(4, 4));
        assert!(!t.is_within(4, 3));
        assert!(!t.is_within(1, 4));
        assert!(!t.is_within(7, 1));
        assert!(!t.is_within(99, 1));

        assert!(t.would_create_cycle(2, Some(2)));
        assert!(t.would_create_cycle(2, Some(4)));
        assert!(t.would_create_cycle(1, Some(6)));
        assert!(!t.would_create_cycle(2, Some(3)));
        assert!(!t.would_create_cycle(4, Some(7)));
        assert!(!t.would_create_cycle(2, None));
    }

    #[test]
    fn missing_parent_and_self_parent_become_roots() {
        let t = DeptTree::new(vec![
            node(1, Some(42), "Wees"),
            node(2, Some(2), "Eigen ouder"),
            node(3, Some(1), "Kind"),
        ]);
        assert_eq!(t.roots(), &[2, 1]);
        assert_eq!(t.subtree(1), vec![1, 3]);
        assert_eq!(t.depth(3), 1);
    }

    #[test]
    fn cycles_are_cut_at_the_lowest_id() {
        // 5 → 3 → 8 → 5 is a cycle; 9 hangs off it; 1 is fine. Cutting
        // 3 → 8 leaves the chain 3 ← 5 ← 8 ← 9.
        let t = DeptTree::new(vec![
            node(9, Some(8), "Aanhang"),
            node(5, Some(3), "Vijf"),
            node(3, Some(8), "Drie"),
            node(8, Some(5), "Acht"),
            node(1, None, "Een"),
        ]);
        assert_eq!(t.roots(), &[3, 1]);
        assert_eq!(t.ancestors(9), vec![3, 5, 8, 9]);
        assert_eq!(t.subtree(3), vec![3, 5, 8, 9]);
        assert_eq!(t.parent(3), None);
        assert_eq!(t.preorder().len(), 5, "every node is reachable");

        // A two-node cycle with nothing else.
        let t = DeptTree::new(vec![node(2, Some(1), "B"), node(1, Some(2), "A")]);
        assert_eq!(t.roots(), &[1]);
        assert_eq!(t.subtree(1), vec![1, 2]);
        assert!(t.would_create_cycle(1, Some(2)));
    }

    #[test]
    fn duplicate_ids_keep_the_first() {
        let t = DeptTree::new(vec![node(1, None, "Eerste"), node(1, None, "Tweede")]);
        assert_eq!(t.len(), 1);
        assert_eq!(t.get(1).map(|n| n.name.as_str()), Some("Eerste"));
        assert_eq!(t.preorder(), vec![(1, 0)]);
    }

    #[test]
    fn empty_tree() {
        let t = DeptTree::new(vec![]);
        assert!(t.is_empty());
        assert_eq!(t.roots(), &[] as &[i32]);
        assert!(t.preorder().is_empty());
        assert!(t.rollup(&HashMap::from([(1, 5_i64)])).is_empty());
    }

    #[test]
    fn rollup_sums_descendants() {
        let t = sample();
        let own = HashMap::from([(1, 1_i64), (2, 10), (4, 100), (5, 1000), (6, 7), (99, 5)]);
        let total = t.rollup(&own);
        assert_eq!(total.len(), 7);
        assert_eq!(total[&4], 100);
        assert_eq!(total[&5], 1000);
        assert_eq!(total[&2], 1110);
        assert_eq!(total[&6], 7);
        assert_eq!(total[&3], 7);
        assert_eq!(total[&1], 1118);
        assert_eq!(total[&7], 0);
        assert!(!total.contains_key(&99));
    }

    #[test]
    fn rollup_of_a_deep_chain_is_linear_and_correct() {
        let n = 20_000;
        let nodes = (0..n)
            .map(|i| node(i, (i > 0).then(|| i - 1), &format!("Niveau {i}")))
            .collect();
        let t = DeptTree::new(nodes);
        assert_eq!(t.depth(n - 1), (n - 1) as usize);
        let own: HashMap<i32, i64> = (0..n).map(|i| (i, 1)).collect();
        let total = t.rollup(&own);
        assert_eq!(total[&0], i64::from(n));
        assert_eq!(total[&(n - 1)], 1);
        assert_eq!(t.subtree(n - 2), vec![n - 2, n - 1]);
    }
}
