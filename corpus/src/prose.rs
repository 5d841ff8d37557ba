//! Sentences of the generated articles: filler in the style of the Vietnamese press about cyber
//! attacks, and the sentences that carry a claim (which the sidecar then quotes). Every sentence
//! is plain text, free of Markdown syntax, and ends with a full stop.

use super::rng::Rng;
use super::words::*;

/// The claim kinds of `dossier`, in the order of the content format.
pub const CLAIM_KINDS: [&str; 9] =
    ["accuses", "denies", "attributes", "sanctions", "charges", "condemns", "warns", "demands", "cooperates"];

/// What a filler sentence may name: the article's actors and countries, as its text shows them.
pub struct Scene {
    pub actors: Vec<String>,
    pub countries: Vec<String>,
}

impl Scene {
    fn actor(&self, rng: &mut Rng) -> String {
        rng.pick(&self.actors).clone()
    }

    fn country(&self, rng: &mut Rng) -> String {
        rng.pick(&self.countries).clone()
    }
}

/// The first letter in upper case, as a sentence starts.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub fn person_name(rng: &mut Rng) -> String {
    format!("{} {} {}", rng.pick(FAMILY_NAMES), rng.pick(MIDDLE_NAMES), rng.pick(GIVEN_NAMES))
}

/// `Ông Nguyễn Văn An` or `Bà Trần Thị Lan`.
fn titled_person(rng: &mut Rng) -> String {
    let name = person_name(rng);
    let title = if name.contains(" Thị ") { "Bà" } else { "Ông" };
    format!("{title} {name}")
}

/// A number as the Vietnamese press writes it: `61.000`.
fn thousands(rng: &mut Rng) -> String {
    format!("{}.{:03}", rng.between(1, 999), rng.below(1000))
}

fn year(rng: &mut Rng) -> usize {
    rng.between(2005, 2025)
}

/// `Trong tháng 5/2019`, `Cuối năm 2012`, ...
fn time(rng: &mut Rng) -> String {
    match rng.chance(30) {
        true => format!("Trong tháng {}/{}", rng.between(1, 12), year(rng)),
        false => format!("{} {}", rng.pick(TIMES), year(rng)),
    }
}

fn incident(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(INCIDENTS), rng.pick(VICTIMS))
}

fn vulnerability(rng: &mut Rng) -> String {
    match rng.chance(50) {
        true => format!("lỗ hổng CVE-{}-{}", year(rng), rng.between(1000, 49999)),
        false => format!("một lỗ hổng trong {}", rng.pick(SOFTWARE)),
    }
}

/// One sentence of filler about the scene.
pub fn filler(rng: &mut Rng, scene: &Scene) -> String {
    let sentence = match rng.below(9) {
        0 | 1 => format!("{} {} {}", rng.pick(SPEAKERS), rng.pick(SAYING), rng.pick(CLAUSES)),
        2 => format!(
            "{}, {} đã lợi dụng {} để xâm nhập vào {} của {}",
            time(rng),
            scene.actor(rng),
            vulnerability(rng),
            rng.pick(SYSTEMS),
            rng.pick(VICTIMS)
        ),
        3 => format!("Theo báo cáo của {}, {}", scene.actor(rng), rng.pick(CLAUSES)),
        4 => format!("{}, {} {}", capitalize(rng.pick::<&str>(CLAUSES)), rng.pick(CONNECTORS), rng.pick(CLAUSES)),
        5 => format!(
            "Mã độc được phát tán qua {} và đã lây nhiễm cho khoảng {} máy tính tại {}",
            rng.pick(VECTORS),
            thousands(rng),
            scene.country(rng)
        ),
        6 => format!(
            "{}, {} {}, nói: “{}”",
            titled_person(rng),
            rng.pick(&["chuyên gia của", "người phát ngôn của", "đại diện"]),
            scene.actor(rng),
            capitalize(rng.pick::<&str>(CLAUSES))
        ),
        7 => format!(
            "Số liệu thống kê cho thấy trong năm {} có hơn {} cuộc tấn công mạng nhằm vào {}, tăng {}% so với năm trước",
            year(rng),
            thousands(rng),
            scene.country(rng),
            rng.between(5, 80)
        ),
        _ => format!(
            "{} từng bị cho là đứng sau {} tại {} vào năm {}",
            scene.actor(rng),
            incident(rng),
            scene.country(rng),
            year(rng)
        ),
    };
    format!("{}.", capitalize(&sentence))
}

/// The sentence that states a claim of `kind` by `by` about `target`, naming `about` if given.
pub fn claim(rng: &mut Rng, kind: &str, by: &str, target: &str, about: Option<&str>) -> String {
    let sentence = match kind {
        "accuses" => match rng.chance(50) {
            true => format!("{by} cáo buộc {target} đứng sau {}", incident(rng)),
            false => format!("{by} cho rằng {target} đã tiến hành {}", incident(rng)),
        },
        "denies" => match rng.chance(50) {
            true => format!("{by} bác bỏ cáo buộc của {target}, gọi đó là những thông tin không có cơ sở"),
            false => format!("{by} phủ nhận mọi liên quan đến {} mà {target} nêu ra", incident(rng)),
        },
        "attributes" => format!("{by} quy trách nhiệm cho {target} về {}", incident(rng)),
        "sanctions" => {
            format!("{by} tuyên bố áp đặt lệnh trừng phạt đối với {target} vì liên quan đến {}", incident(rng))
        }
        "charges" => format!("{by} đã truy tố {target} với tội danh {}", rng.pick(CRIMES)),
        "condemns" => format!("{by} lên án mạnh mẽ {target} về {}", incident(rng)),
        "warns" => format!("{by} cảnh báo {target} về nguy cơ {}", rng.pick(RISKS)),
        "demands" => format!("{by} yêu cầu {target} {}", rng.pick(DEMANDS)),
        _ => match rng.chance(50) {
            true => format!("{by} và {target} nhất trí tăng cường hợp tác về {}", rng.pick(TOPICS)),
            false => format!("{by} đã ký biên bản ghi nhớ với {target} về {}", rng.pick(TOPICS)),
        },
    };
    let sentence = match about {
        Some(about) => format!("{sentence}, liên quan đến hoạt động của {about}"),
        None => sentence,
    };
    format!("{}.", capitalize(&sentence))
}

/// A headline for an article whose first claim is of `kind`.
pub fn headline(rng: &mut Rng, kind: &str, by: &str, target: &str) -> String {
    let title = match kind {
        "accuses" => format!("{by} cáo buộc {target} tấn công {}", rng.pick(VICTIMS)),
        "denies" => format!("{by} bác bỏ cáo buộc của {target}"),
        "attributes" => format!("{by} quy trách nhiệm cho {target} về vụ tấn công mạng"),
        "sanctions" => format!("{by} trừng phạt {target} vì hoạt động tin tặc"),
        "charges" => format!("{by} truy tố {target}"),
        "condemns" => format!("{by} lên án {target}"),
        "warns" => format!("{by} cảnh báo nguy cơ {}", rng.pick(RISKS)),
        "demands" => format!("{by} yêu cầu {target} {}", rng.pick(DEMANDS)),
        _ => format!("{by} và {target} hợp tác về {}", rng.pick(TOPICS)),
    };
    capitalize(&title)
}

/// An editor's comment on a claim or a passage, in Markdown.
pub fn editor_note(rng: &mut Rng, company: &str) -> String {
    match rng.below(4) {
        0 => "Bài báo không nêu nguồn của thông tin này.".to_owned(),
        1 => format!(
            "*{company}* đã công bố báo cáo chi tiết về chiến dịch này vào tháng {}/{}.",
            rng.between(1, 12),
            year(rng)
        ),
        2 => "Cáo buộc này chưa được bên thứ ba kiểm chứng độc lập.".to_owned(),
        _ => format!(
            "Cách gọi trong bài là bản dịch chưa chính xác; xem thêm bài ngày {}/{}.",
            rng.between(1, 28),
            rng.between(1, 12)
        ),
    }
}
