//! A seeded random generator written out here rather than taken from a crate, so that the corpus
//! a seed gives can never change with a dependency's version: SplitMix64 for the numbers, and a
//! Zipf sampler over a precomputed table (no `powf`, whose last bits may differ between libms).

/// SplitMix64 (Steele, Lea and Flood): tiny, fast, and good enough for made-up text.
pub struct Rng(u64);

const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

impl Rng {
    /// An independent stream for `stream` (an article's index, say) under `seed`.
    pub fn new(seed: u64, stream: u64) -> Rng {
        let mut rng = Rng(seed ^ stream.wrapping_add(1).wrapping_mul(GOLDEN_GAMMA).rotate_left(17));
        rng.next_u64();
        rng
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN_GAMMA);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must not be 0. The modulo bias is far below what matters here.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `count` different items of `items` (all of them if there are fewer), in the order drawn.
    pub fn pick_distinct<'a, T>(&mut self, items: &'a [T], count: usize) -> Vec<&'a T> {
        let mut indices: Vec<usize> = (0..items.len()).collect();
        let count = count.min(items.len());
        for taken in 0..count {
            let chosen = taken + self.below(items.len() - taken);
            indices.swap(taken, chosen);
        }
        indices[..count].iter().map(|&index| &items[index]).collect()
    }

    /// A float in `[0, 1)` from the top 53 bits.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Ranks `0..n` drawn with probability proportional to `1 / (rank + 1)`: a few are everywhere,
/// most are rare, as actors and countries are in the press.
pub struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    pub fn new(n: usize) -> Zipf {
        let mut total = 0.0;
        let cumulative = (1..=n)
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Zipf { cumulative }
    }

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or_default();
        let target = rng.unit() * total;
        self.cumulative.partition_point(|&sum| sum <= target).min(self.cumulative.len() - 1)
    }

    /// `count` distinct ranks (fewer if there are not that many), in the order drawn.
    pub fn distinct(&self, rng: &mut Rng, count: usize) -> Vec<usize> {
        let count = count.min(self.cumulative.len());
        let mut drawn = Vec::with_capacity(count);
        while drawn.len() < count {
            let rank = self.sample(rng);
            if !drawn.contains(&rank) {
                drawn.push(rank);
            }
        }
        drawn
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_and_stream_give_the_same_numbers() {
        let draw = |seed, stream| {
            let mut rng = Rng::new(seed, stream);
            (0..4).map(|_| rng.next_u64()).collect::<Vec<_>>()
        };
        assert_eq!(draw(7, 3), draw(7, 3));
        assert_ne!(draw(7, 3), draw(7, 4));
        assert_ne!(draw(7, 3), draw(8, 3));
    }

    #[test]
    fn zipf_favours_the_first_ranks() {
        let zipf = Zipf::new(100);
        let mut rng = Rng::new(1, 0);
        let mut counts = [0usize; 100];
        for _ in 0..20_000 {
            counts[zipf.sample(&mut rng)] += 1;
        }
        assert!(counts[0] > 5 * counts[9], "{counts:?}");
        assert!(counts[9] > counts[99], "{counts:?}");
    }
}
