//! The search index, tested through its public face: small archives built in memory, indexed, then
//! searched with `search::query` (the reference of the client's ranking) the way readers type.

use std::path::PathBuf;

use dossier::config::Config;
use dossier::date::{DateFormats, PartialDate};
use dossier::markdown::RawHtml;
use dossier::model::{Actor, ActorId, Archive, Article, Country, CountryId};
use dossier::search::{self, Index, query};

/// How some theme words dates: the index ships it, and no test here looks at it.
fn dates() -> DateFormats {
    DateFormats { day: "{day}/{month}/{year}".into(), month: "{month}/{year}".into(), year: "{year}".into() }
}

fn config() -> Config {
    Config {
        title: "Test".to_owned(),
        description: String::new(),
        language: "vi".to_owned(),
        base_url: None,
        output_dir: PathBuf::from("public"),
        page_size: 50,
        raw_html: RawHtml::Sanitised,
        drafts: false,
        data_license: None,
    }
}

fn article(slug: &str, date: &str, title: &str, text: &str) -> Article {
    Article {
        slug: slug.to_owned(),
        title: title.to_owned(),
        date: PartialDate::parse(date).expect("test dates are valid"),
        source: "VOV".to_owned(),
        url: None,
        author: None,
        summary: String::new(),
        body: text.into(),
        text: text.into(),
        actors: Vec::new(),
        countries: Vec::new(),
        tags: Vec::new(),
        supplied: Vec::new(),
        draft: false,
        claims: Vec::new(),
        notes: Vec::new(),
        marks: Vec::new(),
    }
}

fn actor(id: &str, name: &str, aliases: &[&str]) -> Actor {
    Actor {
        id: id.to_owned(),
        name: name.to_owned(),
        aliases: aliases.iter().map(|alias| alias.to_string()).collect(),
        kind: None,
        country: None,
        represents: None,
        description: None,
        description_text: None,
        links: Vec::new(),
        country_claims: Vec::new(),
        articles: Vec::new(),
        claims_made: Vec::new(),
        claims_received: Vec::new(),
        related: Vec::new(),
    }
}

fn archive(articles: Vec<Article>) -> Archive {
    Archive {
        config: config(),
        articles,
        actors: Vec::new(),
        countries: Vec::new(),
        claims: Vec::new(),
        actors_by_name: Vec::new(),
        countries_by_name: Vec::new(),
        tags: Vec::new(),
    }
}

/// The slugs of the results for `text` in `site`, best first.
fn search(site: &Archive, text: &str) -> Vec<String> {
    let index = Index::build(site);
    query::rank(&index, text).0.iter().map(|hit| index.documents[hit.doc as usize].label()).collect()
}

/// Filler that makes texts of comparable length without any query word.
const FILLER: &str = "Bài viết đưa tin về sự kiện trong tuần qua, theo các nguồn tin chính thức.";

#[test]
fn a_query_without_diacritics_finds_every_spelling() {
    let site = archive(vec![
        article("a", "2020-01-02", "Tin tặc tấn công", FILLER),
        article("b", "2020-01-01", "Báo cáo", &format!("{FILLER} Nhóm tin tặc bị cáo buộc.")),
        article("c", "2019-01-01", "Thời tiết", FILLER),
    ]);
    let results = search(&site, "tin tac");
    assert_eq!(results[..2], ["a", "b"], "the title match first, then the text: {results:?}");
}

#[test]
fn exact_diacritics_rank_first() {
    let site = archive(vec![
        article("dang-nhieu", "2021-01-01", "Họ đang điều tra", "Cơ quan đang xem xét, đang thu thập, đang hỏi."),
        article("dang-ten", "2020-01-01", "Tuyên bố của ông Đặng", "Ông Đặng nói rằng điều này không đúng."),
    ]);
    assert_eq!(search(&site, "Đặng"), ["dang-ten", "dang-nhieu"]);
    assert_eq!(search(&site, "đang"), ["dang-nhieu", "dang-ten"]);
    assert_eq!(search(&site, "dang").len(), 2, "without diacritics both are found");
}

#[test]
fn a_phrase_outranks_its_words_scattered() {
    let site = archive(vec![
        article(
            "rai-rac",
            "2021-01-01",
            "Hội thảo",
            "Một bạn trẻ an tâm rằng ninh thuận có mạng tốt và nhiều điều khác.",
        ),
        article("cum-tu", "2020-01-01", "Hội nghị", "Chuyên gia bàn về an ninh mạng cùng nhiều điều khác nữa hôm nay."),
    ]);
    assert_eq!(search(&site, "an ninh mạng"), ["cum-tu", "rai-rac"]);
    assert_eq!(search(&site, "an ninh mang"), ["cum-tu", "rai-rac"]);
}

#[test]
fn an_alias_finds_the_actor_page_then_the_articles_of_its_actor() {
    let mut site = archive(vec![
        article("apt32", "2020-04-23", "Việt Nam bác bỏ cáo buộc", "Bộ Ngoại giao bác bỏ báo cáo về nhóm APT32."),
        article("khac", "2020-04-22", "Tin khác", FILLER),
    ]);
    site.actors.push(actor("apt32", "APT32", &["OceanLotus", "Ocean Buffalo"]));
    site.articles[0].actors.push(ActorId(0));
    assert_eq!(search(&site, "OceanLotus"), ["actor:apt32", "apt32"]);
    assert_eq!(search(&site, "oceanlotus"), ["actor:apt32", "apt32"]);
    assert_eq!(search(&site, "ocean buffalo"), ["actor:apt32", "apt32"]);
}

#[test]
fn a_page_found_by_its_description_carries_it_for_the_passage_a_result_shows() {
    let mut site = archive(vec![article("khac", "2020-04-22", "Tin khác", FILLER)]);
    let mut group = actor("apt32", "APT32", &["OceanLotus"]);
    group.description_text = Some("Nhóm tin tặc bị cáo buộc tấn công.".to_owned());
    site.actors.push(group);
    assert_eq!(search(&site, "tin tac")[0], "actor:apt32");
    let files = Index::build(&site).files(&dates());
    let rows: Vec<serde_json::Value> = files
        .iter()
        .filter(|file| file.path.starts_with("search/docs/"))
        .flat_map(|file| shard_data(&file.bytes).as_array().cloned().expect("a shard is a list of rows"))
        .collect();
    let row = rows.iter().find(|row| row["page"] == "actor").expect("the actor's row");
    assert_eq!(row["text"], "Nhóm tin tặc bị cáo buộc tấn công.");
}

#[test]
fn a_country_is_found_by_either_of_its_names() {
    let mut site =
        archive(vec![article("a", "2020-01-01", "Cáo buộc", FILLER), article("b", "2019-01-01", "Khác", FILLER)]);
    site.countries.push(Country {
        id: "cn".to_owned(),
        name: "Trung Quốc".to_owned(),
        name_en: "China".to_owned(),
        description: None,
        description_text: None,
        actors: Vec::new(),
        groups: Vec::new(),
        articles: Vec::new(),
        claims_made: Vec::new(),
        claims_received: Vec::new(),
    });
    site.articles[0].countries.push(CountryId(0));
    assert_eq!(search(&site, "china"), ["country:cn", "a"]);
    assert_eq!(search(&site, "trung quoc"), ["country:cn", "a"]);
}

#[test]
fn the_last_word_is_a_prefix_while_it_is_being_typed() {
    let site = archive(vec![
        article("snowden", "2013-06-01", "Đối thoại Mỹ - Trung", "Vụ Edward Snowden tiết lộ tài liệu."),
        article("khac", "2013-05-01", "Tin khác", FILLER),
    ]);
    assert_eq!(search(&site, "snowd"), ["snowden"]);
    assert_eq!(search(&site, "edward snowd"), ["snowden"]);
    assert!(search(&site, "snowd ").is_empty(), "a word followed by a space is complete");
    assert!(search(&site, "s").is_empty(), "one letter is too short to be a prefix");
}

#[test]
fn a_prefix_typed_with_diacritics_keeps_them() {
    let site = archive(vec![
        article("tach", "2021-01-01", "Chia tách", "Hai cơ quan được tách ra."),
        article("tac", "2020-01-01", "Nhóm tin tặc", "Tin tặc tấn công."),
    ]);
    assert_eq!(search(&site, "tặ"), ["tac"]);
    let mut without_diacritics = search(&site, "ta");
    without_diacritics.sort();
    assert_eq!(without_diacritics, ["tac", "tach"]);
}

#[test]
fn the_title_outranks_the_text() {
    let site = archive(vec![
        article("trong-bai", "2021-01-01", "Tin trong nước", "Vụ tấn công ransomware gây thiệt hại lớn cho nhiều nơi."),
        article(
            "tieu-de",
            "2020-01-01",
            "Ransomware lan rộng",
            "Vụ tấn công gây thiệt hại lớn cho nhiều nơi trong nước.",
        ),
    ]);
    assert_eq!(search(&site, "ransomware"), ["tieu-de", "trong-bai"]);
}

#[test]
fn numbers_are_found_whole() {
    let site = archive(vec![
        article("so", "2021-01-01", "Thiệt hại", "Thiệt hại lên tới 52.000 USD, tăng 5,31%."),
        article("khac", "2020-01-01", "Khác", "Có 52 người và 31 máy, 5 vụ."),
    ]);
    assert_eq!(search(&site, "5,31"), ["so"]);
    assert_eq!(search(&site, "52.000"), ["so"]);
}

#[test]
fn the_files_are_script_loadable_and_the_root_says_its_format() {
    let files = Index::build(&archive(vec![article("a", "2020-01-01", "Tin tặc", FILLER)])).files(&dates());
    let paths: Vec<&str> = files.iter().map(|file| file.path.as_str()).collect();
    assert_eq!(
        paths,
        ["search-index.json", "search/docs/0.js", "search/index.js", "search/terms/0.js", "search/typos/0.js"]
    );
    for file in &files[1..] {
        let text = String::from_utf8_lossy(&file.bytes);
        assert!(text.starts_with("window.__dossierSearch.register(\""), "{}: {text:.60}", file.path);
        assert!(text.ends_with(");\n"));
    }
    let root: serde_json::Value = serde_json::from_slice(&files[0].bytes).expect("search-index.json is JSON");
    assert_eq!(root["format"], search::FORMAT);
    assert_eq!(root["version"], search::VERSION);
    assert!(root["documentation"].as_str().is_some_and(|doc| doc.contains("docs/search-index.md")));
    assert!(root["description"].as_str().is_some_and(|text| text.contains("register(kind, number, data)")));
    assert_eq!(root["documents"], 1);
    assert_eq!(root["manifest"], "search/index.js");
}

/// The data of a shard file, read the way the root's description says: the text after the second
/// comma, without the closing `);`.
fn shard_data(bytes: &[u8]) -> serde_json::Value {
    let text = std::str::from_utf8(bytes).expect("shards are UTF-8");
    let after_second_comma = text.splitn(3, ',').nth(2).expect("a call with three arguments");
    let data = after_second_comma.trim_end().strip_suffix(");").expect("the call closes");
    serde_json::from_str(data).expect("the data is JSON")
}

#[test]
fn the_root_lists_every_shard_and_what_each_holds() {
    let articles = (0..300)
        .map(|n| {
            let date = format!("{}-01-01", 2020 - n / 100);
            article(&format!("a{n}"), &date, &format!("Bài số {n}"), &format!("{FILLER} Chủ đề x{n}y, tin tặc."))
        })
        .collect();
    let site = archive(articles);
    let files = Index::build(&site).files(&dates());
    let file = |path: &str| files.iter().find(|file| file.path == path).map(|file| file.bytes.as_slice());
    let root: serde_json::Value = serde_json::from_slice(file("search-index.json").expect("a root")).expect("JSON");
    let term_shards = root["term_shards"].as_array().expect("a table of term shards");
    let doc_shards = root["doc_shards"].as_array().expect("a table of document shards");
    assert!(term_shards.len() > 1, "{term_shards:?}");
    let typo_shards = root["typo_shards"].as_array().expect("a table of typo shards");
    let mut listed: Vec<&str> =
        term_shards.iter().chain(doc_shards).chain(typo_shards).map(|shard| shard["file"].as_str().unwrap()).collect();
    listed.push(root["manifest"].as_str().expect("the manifest's file"));
    listed.sort_unstable();
    let mut written: Vec<&str> =
        files.iter().map(|file| file.path.as_str()).filter(|path| path.ends_with(".js")).collect();
    written.sort_unstable();
    assert_eq!(listed, written, "the root lists every shard file, and only those");

    let (mut terms, mut slips) = (0, 0);
    for shard in term_shards {
        let data = shard_data(file(shard["file"].as_str().unwrap()).unwrap());
        let rows = data["terms"].as_array().expect("term rows");
        assert_eq!(rows.len() as u64, shard["terms"].as_u64().unwrap());
        assert!(rows.iter().all(|row| row.as_array().is_some_and(|row| row.len() == 4)));
        terms += rows.len();
        let rows = data["slips"].as_array().expect("slip rows");
        assert_eq!(rows.len() as u64, shard["slips"].as_u64().unwrap());
        assert!(rows.iter().all(|row| row[0].is_string() && row[1].is_string() && row[2].is_u64()));
        slips += rows.len();
    }
    assert!(terms > 300);
    assert!(slips > 0, "a word with a letter dropped or two swapped is filed with its term shard");
    for shard in typo_shards {
        let rows = shard_data(file(shard["file"].as_str().unwrap()).unwrap());
        let rows = rows.as_array().expect("typo rows");
        assert_eq!(rows.len() as u64, shard["keys"].as_u64().unwrap());
        assert!(rows.iter().all(|row| row[0].is_string() && row[1].as_array().is_some_and(|words| !words.is_empty())));
    }
    let mut next_document = 0;
    for shard in doc_shards {
        let (first, last) = (shard["first"].as_u64().unwrap(), shard["last"].as_u64().unwrap());
        assert_eq!(first, next_document, "document shards follow each other");
        let rows = shard_data(file(shard["file"].as_str().unwrap()).unwrap());
        let rows = rows.as_array().expect("document rows");
        assert_eq!(rows.len() as u64, last - first + 1);
        assert_eq!(rows[0][0], site.articles[first as usize].slug, "column 0 is the slug");
        next_document = last + 1;
    }
    assert_eq!(next_document, 300);
    assert_eq!(shard_data(file("search/index.js").unwrap())["documents"], 300);
}

#[test]
fn the_same_archive_gives_the_same_bytes() {
    let build = || {
        let site = archive(vec![
            article("a", "2021-01-01", "Tin tặc tấn công", "An ninh mạng và tin tặc."),
            article("b", "2020-01-01", "Đặng", "Ông Đặng nói về an ninh."),
        ]);
        Index::build(&site).files(&dates())
    };
    assert_eq!(build(), build());
}

#[test]
fn a_query_loads_few_shards() {
    let articles = (0..1000)
        .map(|n| {
            article(&format!("a{n}"), "2020-01-01", &format!("Bài số {n}"), &format!("Chủ đề riêng x{n}y và tin tặc."))
        })
        .collect();
    let site = archive(articles);
    let index = Index::build(&site);
    assert!(index.term_shard_count() > 4, "the index is split: {} shards", index.term_shard_count());
    let downloads = query::downloads(&index, "tin tặc", 10);
    assert!(downloads.term_shards.len() <= 3, "{downloads:?}");
    assert!(downloads.doc_shards.len() <= 10);
}

#[test]
fn the_index_does_not_depend_on_the_number_of_threads() {
    let articles = (0..600)
        .map(|n| article(&format!("a{n}"), "2020-01-01", &format!("Tin tặc số {n}"), &format!("{FILLER} Mã {n}.")))
        .collect();
    let site = archive(articles);
    let build = |threads| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool");
        pool.install(|| Index::build(&site).files(&dates()))
    };
    assert_eq!(build(1), build(5));
}

#[test]
fn document_shards_grow_only_while_a_typical_search_stays_within_its_budget() {
    let site = |text: &dyn Fn(usize) -> String| {
        let articles =
            (0..200).map(|n| article(&format!("a{n}"), "2020-01-01", &format!("Tin tặc số {n}"), &text(n))).collect();
        archive(articles)
    };
    let short = site(&|_| FILLER.to_owned());
    let index = Index::build(&short);
    assert!(index.manifest.docs_per_shard > 8, "short articles share shards: {}", index.manifest.docs_per_shard);

    // Texts of 6,000 characters, mostly of three bytes, and a first page of results spread over
    // the archive (the more often a text says "tin tặc", the higher it ranks): two documents in
    // each of ten shards would pass the budget.
    let long = site(&|n| format!("{}{}", "tin tặc ".repeat(1 + n * 37 % 50), "ặặặ ".repeat(1500)));
    let index = Index::build(&long);
    assert_eq!(index.manifest.docs_per_shard, 1);
    let sizes = index.sizes(&index.write(&dates(), &|_| {}));
    assert!(sizes.typical_query <= search::QUERY_BUDGET_BYTES, "{sizes:?}");
    assert!(sizes.typical_typo_query <= search::QUERY_BUDGET_BYTES, "{sizes:?}");
}

#[test]
fn the_budget_counts_what_a_search_with_a_slip_downloads_too() {
    // "Microsoft" typed "Micorsoft" is corrected by the slip filed in the word's own term shard;
    // typed "Micrrosoft", by the typo shards of its keys, which the search reads besides and the
    // typical search with a slip counts.
    let articles = (0..300)
        .map(|n| {
            article(&format!("a{n}"), "2020-01-01", &format!("Microsoft cáo buộc {n}"), &format!("{FILLER} Mã {n}."))
        })
        .collect();
    let site = archive(articles);
    let index = Index::build(&site);
    let swapped = query::search(&index, "Micorsoft cáo");
    assert_eq!(swapped.corrected.as_deref(), Some("microsoft cáo"));
    assert!(swapped.typo_shards.is_empty(), "{:?}", swapped.typo_shards);
    let doubled = query::search(&index, "Micrrosoft cáo");
    assert_eq!(doubled.corrected.as_deref(), Some("microsoft cáo"));
    assert!(!doubled.typo_shards.is_empty());
    let sizes = index.sizes(&index.write(&dates(), &|_| {}));
    assert!(sizes.typical_typo_query > sizes.typical_query, "{sizes:?}");
    assert!(sizes.typical_typo_query <= search::QUERY_BUDGET_BYTES, "{sizes:?}");
}

/// What a search for `text` in `site` was corrected to, if it was.
fn corrected(site: &Archive, text: &str) -> Option<String> {
    query::search(&Index::build(site), text).corrected
}

#[test]
fn a_word_with_one_slip_finds_the_word_it_meant() {
    let site = archive(vec![
        article("chung", "2021-01-01", "Chiến dịch chung của tin tặc", FILLER),
        article("libre", "2020-06-01", "Lỗ hổng LibreOffice bị khai thác", FILLER),
        article("khac", "2020-01-01", "Lừa đảo trực tuyến", FILLER),
    ]);
    // Swapped, dropped, doubled and changed letters, with and without diacritics.
    let slips =
        [("chugn", "chung"), ("cihến", "chung"), ("chiếnn", "chung"), ("libreofice", "libre"), ("tuyêns", "khac")];
    for (text, expected) in slips {
        assert_eq!(search(&site, text), [expected], "{text}");
    }
    assert_eq!(corrected(&site, "tin tặc chugn").as_deref(), Some("tin tặc chung"));
    assert_eq!(corrected(&site, "chung"), None, "a word that is found is not corrected");
}

#[test]
fn short_words_and_words_two_slips_away_are_not_corrected() {
    let site = archive(vec![article("a", "2021-01-01", "Tin tặc tấn công", FILLER)]);
    assert_eq!(corrected(&site, "tni"), None);
    assert!(search(&site, "cogn").is_empty(), "four letters are not corrected");
    assert_eq!(corrected(&site, "tnaocgn"), None);
}

#[test]
fn a_corrected_match_ranks_below_an_exact_one() {
    let site = archive(vec![
        article("dung", "2021-01-01", "Tin tặc dùng mã độc", FILLER),
        article("xyzzy", "2020-01-01", "Tin tặc xyzzy", FILLER),
    ]);
    // `xyzzz` matches nothing and is corrected to `xyzzy`; `tin tặc` matches both exactly.
    assert_eq!(search(&site, "tin tặc xyzzz"), ["xyzzy", "dung"]);
    assert_eq!(search(&site, "xyzzy")[0], "xyzzy");
    let index = Index::build(&site);
    let exact = query::rank(&index, "xyzzy").0[0].score;
    let fixed = query::rank(&index, "xyzzz").0[0].score;
    assert!(fixed < exact * 0.8, "a correction scores below an exact or prefix match: {fixed} {exact}");
}

#[test]
fn a_word_that_only_rare_documents_have_is_corrected_too_below_them() {
    // `chugn`, a slip found in one article, and `chung`, in many more than `correction_df_ratio`
    // times as many: the slip's own article first, then the word meant.
    let ratio = search::RANKING.correction_df_ratio as usize;
    let mut articles: Vec<Article> = (0..=ratio)
        .map(|n| article(&format!("chung{n}"), "2021-01-01", &format!("Chiến dịch chung số {n}"), FILLER))
        .collect();
    articles.push(article("slip", "2020-01-01", "Lỗi gõ chugn", FILLER));
    articles.push(article("khac", "2019-01-01", "Lừa đảo trực tuyến", FILLER));
    let site = archive(articles);
    let found = search(&site, "chugn");
    assert_eq!(found.len(), ratio + 2, "{found:?}");
    assert_eq!(found[0], "slip");
    assert!(found[1..].iter().all(|slug| slug.starts_with("chung")), "{found:?}");
    assert_eq!(corrected(&site, "chugn").as_deref(), Some("chung"));

    // As frequent as the rare word allows, or more frequent than `rare_df`: not corrected.
    let site = archive(vec![
        article("slip", "2020-01-01", "Lỗi gõ chugn", FILLER),
        article("chung", "2021-01-01", "Chiến dịch chung", FILLER),
    ]);
    assert_eq!(search(&site, "chugn"), ["slip"]);
    let frequent = (0..=search::RANKING.rare_df)
        .map(|n| article(&format!("slip{n}"), "2020-01-01", &format!("Lỗi gõ chugn số {n}"), FILLER));
    let many = (0..100).map(|n| article(&format!("chung{n}"), "2021-01-01", &format!("Chiến dịch chung {n}"), FILLER));
    assert_eq!(corrected(&archive(frequent.chain(many).collect()), "chugn"), None);
}

#[test]
fn a_word_typed_with_diacritics_prefers_its_spelling_whether_typed_composed_or_decomposed() {
    let site = archive(vec![
        article("tac", "2021-01-01", "Tắc đường", FILLER),
        article("tac-exact", "2020-01-01", "Tin tặc", FILLER),
    ]);
    // NFC (`ặ` one code point) and NFD (`a`, dot below, breve) are the same word.
    assert_eq!(search(&site, "tặc"), ["tac-exact", "tac"]);
    assert_eq!(search(&site, "ta\u{323}\u{306}c"), ["tac-exact", "tac"]);
    assert_eq!(search(&site, "tac"), ["tac", "tac-exact"], "a bare word matches every spelling alike");
}

#[test]
fn d_with_stroke_is_a_diacritic_of_d() {
    let site = archive(vec![
        article("dang", "2021-01-01", "Dang dở", FILLER),
        article("dang-stroke", "2020-01-01", "Ông Đặng", FILLER),
    ]);
    assert_eq!(search(&site, "Đặng"), ["dang-stroke", "dang"]);
    assert_eq!(search(&site, "đặng"), ["dang-stroke", "dang"]);
    assert_eq!(search(&site, "dang").len(), 2);
}

#[test]
fn a_document_with_every_word_folded_outranks_one_with_half_of_them_exactly() {
    let site = archive(vec![
        article("half", "2021-01-01", "Hàm tài", FILLER),
        article("every", "2020-01-01", "Ham tai chinh phan ba", FILLER),
    ]);
    // The reader put diacritics on two words and left the others bare.
    assert_eq!(search(&site, "hàm tài chinh phan ba")[0], "every");
    assert_eq!(search(&site, "ham tai chinh phần ba")[0], "every");
}
