//! The generated tables read back whole: nothing a reader would take for
//! corruption (and so fail closed on).

use super::*;

#[test]
fn the_number_type_tries_decode_whole() {
    let mut bits = Bits(0);
    let mut types = NumberTypes {
        children: Vec::new(),
        own: Vec::new(),
        roots: Vec::new(),
    };
    for _ in 0..CALLING_CODE_LOW.len() {
        let root = types.value(&mut bits, 0);
        types.roots.push(Some(root));
    }
    assert_eq!(types.len(), TYPE_NODES);
    assert_eq!(bits.0.div_ceil(8), TYPE_BITS.len(), "every bit read, none past the end");
    let entries = types.children.iter().chain(types.roots.iter().flatten());
    assert!(entries.clone().all(|&e| e != LEAF_OF_ALL));
    assert!(entries
        .clone()
        .all(|&e| e & LEAF == 0 || usize::from(e & !LEAF) < TYPE_SETS.len()));
    assert!(types
        .own
        .iter()
        .all(|&o| o == NO_SET || usize::from(o) < TYPE_SETS.len()));
    // No cycle, and no path longer than a national number: walks end.
    fn depth(types: &NumberTypes, entry: u16, memo: &mut Vec<Option<usize>>) -> usize {
        if entry & LEAF != 0 {
            return 0;
        }
        let node = usize::from(entry);
        if let Some(d) = memo[node] {
            assert_ne!(d, usize::MAX, "node {node} is its own descendant");
            return d;
        }
        memo[node] = Some(usize::MAX); // a cycle would come back here
        let d = 1
            + (0..10)
                .map(|k| depth(types, types.children[10 * node + k], memo))
                .max()
                .unwrap();
        memo[node] = Some(d);
        d
    }
    let mut memo = vec![None; types.len()];
    let deepest = types
        .roots
        .iter()
        .flatten()
        .map(|&r| depth(&types, r, &mut memo))
        .max()
        .unwrap();
    assert!(deepest <= 17, "a path of {deepest} nodes");
    assert_eq!(NumberTypes::decode().children, types.children);
}

#[test]
fn emergency_numbers_are_short() {
    let mut regions = 0;
    for region in Region::all().filter(|r| r.is_geographic()) {
        let Some(pattern) = region.emergency_numbers() else {
            continue;
        };
        regions += 1;
        for sequence in pattern.sequences() {
            assert!(
                (2..=crate::dialing::MAX_EMERGENCY / 2).contains(&sequence.len()),
                "{}: an emergency number of {} digits",
                region.id(),
                sequence.len()
            );
        }
    }
    assert!(regions > 200, "only {regions} regions have emergency numbers");
    let us = crate::prefix::PrefixSet::from_pattern(Region::from_id("US").unwrap().emergency_numbers().unwrap());
    assert!(us.exact(b"911") && us.exact(b"112") && !us.exact(b"91"));
}

/// `Region::ranges_shared_with` skips a code none of whose regions is
/// allowed: that holds only while every candidate of a range is a region of
/// its code.
#[test]
fn the_candidates_of_a_range_are_regions_of_its_code() {
    fn walk(step: RangeStep, code: CallingCode, seen: &mut Vec<bool>) {
        let set = match step {
            RangeStep::Leaf(set) => set,
            RangeStep::Node(node) => {
                if core::mem::replace(&mut seen[node.index()], true) {
                    return;
                }
                for digit in 0..10 {
                    walk(node.child(digit), code, seen);
                }
                node.own_set()
            }
        };
        for r in set.iter() {
            assert!(
                code.regions().contains(r),
                "+{}: {} is a candidate",
                code.value(),
                r.id()
            );
        }
    }
    for code in CallingCode::all() {
        walk(code.ranges(), code, &mut vec![false; RangeNode::COUNT]);
    }
}

#[test]
fn every_calling_code_spells_its_value() {
    for code in CallingCode::all() {
        let digits = code.digits();
        assert_eq!(
            digits.as_bytes(),
            crate::text::decimal(u64::from(code.value())).as_bytes()
        );
        assert_eq!(digits.as_bytes().len(), code.len());
    }
}
