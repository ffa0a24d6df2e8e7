//! Classifying bytes eight at a time. In a `u64` of bytes below 0x80, adding `0x80 - c` to every
//! byte sets its high bit exactly when the byte is at least `c`, with no carry into the next
//! byte, so "is this byte in a range" becomes a few arithmetic operations on all eight at once.
//! The word counter and the personal-data scan run over every byte of every submission, and
//! this is most of what makes them fast.

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
const LOW_BITS: u64 = 0x7f7f_7f7f_7f7f_7f7f;
const ONES: u64 = 0x0101_0101_0101_0101;

/// The eight bytes of `chunk` (of length 8) as one number, the first byte lowest.
pub fn load(chunk: &[u8]) -> u64 {
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(chunk);
    u64::from_le_bytes(bytes)
}

/// The high bit of each byte of `x` that lies in `lo..=hi` (`hi` at most 0x7f). Bytes of 0x80
/// and above are never in range.
pub fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    debug_assert!(lo <= hi && hi <= 0x7f);
    let low = x & LOW_BITS;
    let at_least = |c: u8| low.wrapping_add(ONES * (0x80 - u64::from(c))) & HIGH_BITS;
    at_least(lo) & !at_least(hi + 1) & !x & HIGH_BITS
}

/// The high bits of the eight bytes as an 8-bit mask, the first byte in bit 0.
pub fn movemask(high_bits: u64) -> u8 {
    // Each byte's bit lands in a distinct place of the top byte, with no carries between.
    ((high_bits >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8
}

/// Whether any byte of `x` is `byte`.
fn has_byte(x: u64, byte: u8) -> bool {
    let v = x ^ (ONES * u64::from(byte));
    v.wrapping_sub(ONES) & !v & HIGH_BITS != 0
}

/// Whether `bytes` holds a control character other than tab and line feed, or the lead byte
/// of a two-byte character from U+0080 to U+00BF (C1 controls, the non-breaking space): the
/// characters HTML parsing reads or writes in its own way.
pub fn has_control_or_latin1_lead(bytes: &[u8]) -> bool {
    let mut chunks = bytes.chunks_exact(8);
    let mut found = false;
    for chunk in &mut chunks {
        let x = load(chunk);
        let controls = in_range(x, 0x00, 0x08) | in_range(x, 0x0b, 0x1f) | in_range(x, 0x7f, 0x7f);
        found |= controls != 0 || has_byte(x, 0xc2);
    }
    found
        || chunks
            .remainder()
            .iter()
            .any(|&b| (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7f || b == 0xc2)
}

/// The high bit of each ASCII letter or digit of `x`. Setting 0x20 turns `A`-`Z` into `a`-`z`
/// and no other byte into a lower-case letter, so one range finds both cases.
pub fn alphanumerics(x: u64) -> u64 {
    in_range(x, b'0', b'9') | in_range(x | (ONES * 0x20), b'a', b'z')
}

/// Calls `found` with each run of ASCII letters and digits in `bytes`, in order. Eight bytes are
/// classified at once, and only the places where a run starts or ends are looked at.
pub fn alphanumeric_runs(bytes: &[u8], mut found: impl FnMut(&[u8])) {
    let mut start: Option<usize> = None;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let inside = u32::from(movemask(alphanumerics(load(chunk))));
        // Where a byte differs from the one before it: a run starts or ends there.
        let before = (inside << 1) | u32::from(start.is_some());
        let mut edges = (inside ^ before) & 0xff;
        while edges != 0 {
            let edge = at + edges.trailing_zeros() as usize;
            match start.take() {
                Some(first) => found(&bytes[first..edge]),
                None => start = Some(edge),
            }
            edges &= edges - 1;
        }
        at += 8;
    }
    for (i, byte) in chunks.remainder().iter().enumerate() {
        match (byte.is_ascii_alphanumeric(), start) {
            (true, None) => start = Some(at + i),
            (false, Some(first)) => {
                found(&bytes[first..at + i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(first) = start {
        found(&bytes[first..]);
    }
}

/// Where the first ASCII digit or `@` in `bytes` is.
pub fn find_digit_or_at(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let x = load(chunk);
        let hits = in_range(x, b'0', b'9') | in_range(x, b'@', b'@');
        if hits != 0 {
            return Some(at + hits.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b.is_ascii_digit() || b == b'@')
        .map(|i| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_is_in_a_range_exactly_when_it_is() {
        let ranges = [
            (b'0', b'9'),
            (b'@', b'@'),
            (b'\t', b'\r'),
            (b'a', b'z'),
            (0, 0),
        ];
        for byte in 0..=255u8 {
            for at in 0..8 {
                let mut chunk = [b'_'; 8];
                chunk[at] = byte;
                let x = load(&chunk);
                for (lo, hi) in ranges {
                    let expected = if (lo..=hi).contains(&byte) {
                        1 << at
                    } else {
                        0
                    };
                    assert_eq!(
                        movemask(in_range(x, lo, hi)),
                        expected,
                        "{byte:#x} at {at} in {lo}..={hi}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_first_digit_or_at_sign_is_found_wherever_it_is() {
        for len in 0..40 {
            for at in 0..=len {
                let mut text = vec![b'x'; len];
                if at < len {
                    text[at] = if at % 2 == 0 { b'7' } else { b'@' };
                }
                let expected = (at < len).then_some(at);
                assert_eq!(find_digit_or_at(&text), expected, "{len} {at}");
            }
        }
        assert_eq!(find_digit_or_at("é é 5".as_bytes()), Some(6));
    }

    #[test]
    fn control_characters_and_latin1_leads_are_found_wherever_they_are() {
        for byte in 0..=255u8 {
            for len in [1, 7, 8, 9, 17] {
                for at in 0..len {
                    let mut text = vec![b'x'; len];
                    text[at] = byte;
                    let expected = (byte < 0x20 && byte != b'\t' && byte != b'\n')
                        || byte == 0x7f
                        || byte == 0xc2;
                    assert_eq!(
                        has_control_or_latin1_lead(&text),
                        expected,
                        "{byte:#x} {len} {at}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn runs_of_letters_and_digits_are_what_splitting_finds(text in "[ -~\n]{0,70}") {
            let mut runs = Vec::new();
            alphanumeric_runs(text.as_bytes(), |run| runs.push(run.to_vec()));
            let expected: Vec<Vec<u8>> = text
                .as_bytes()
                .split(|b| !b.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(<[u8]>::to_vec)
                .collect();
            proptest::prop_assert_eq!(runs, expected);
        }
    }
}
