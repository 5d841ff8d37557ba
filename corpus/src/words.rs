//! The vocabulary of the generated prose: real Vietnamese words and phrases of the press about
//! cyber attacks and diplomacy, and the names of places, outlets and people. Nothing here is
//! random; [`super::prose`] combines these pieces with a seeded generator.
//!
//! No phrase may contain Markdown syntax (`*`, `_`, `[`, `` ` ``, `<`, `&`, `#`), so that a
//! sentence reads the same in the source and in the text a reader sees, and can be quoted.

/// About 60 countries: ISO 3166 code, Vietnamese name, English name. The most cited come first,
/// since references to them are Zipf-distributed by position.
pub const COUNTRIES: &[(&str, &str, &str)] = &[
    ("vn", "Việt Nam", "Vietnam"),
    ("cn", "Trung Quốc", "China"),
    ("us", "Hoa Kỳ", "United States"),
    ("ru", "Nga", "Russia"),
    ("kp", "Triều Tiên", "North Korea"),
    ("ir", "Iran", "Iran"),
    ("kr", "Hàn Quốc", "South Korea"),
    ("jp", "Nhật Bản", "Japan"),
    ("gb", "Anh", "United Kingdom"),
    ("ua", "Ukraine", "Ukraine"),
    ("de", "Đức", "Germany"),
    ("fr", "Pháp", "France"),
    ("il", "Israel", "Israel"),
    ("au", "Úc", "Australia"),
    ("in", "Ấn Độ", "India"),
    ("tw", "Đài Loan", "Taiwan"),
    ("sg", "Singapore", "Singapore"),
    ("ca", "Canada", "Canada"),
    ("hk", "Hồng Kông", "Hong Kong"),
    ("ph", "Philippines", "Philippines"),
    ("my", "Malaysia", "Malaysia"),
    ("th", "Thái Lan", "Thailand"),
    ("id", "Indonesia", "Indonesia"),
    ("kh", "Campuchia", "Cambodia"),
    ("la", "Lào", "Laos"),
    ("mm", "Myanmar", "Myanmar"),
    ("nl", "Hà Lan", "Netherlands"),
    ("be", "Bỉ", "Belgium"),
    ("ch", "Thụy Sĩ", "Switzerland"),
    ("se", "Thụy Điển", "Sweden"),
    ("no", "Na Uy", "Norway"),
    ("fi", "Phần Lan", "Finland"),
    ("dk", "Đan Mạch", "Denmark"),
    ("pl", "Ba Lan", "Poland"),
    ("cz", "Séc", "Czechia"),
    ("ee", "Estonia", "Estonia"),
    ("lt", "Litva", "Lithuania"),
    ("lv", "Latvia", "Latvia"),
    ("it", "Italia", "Italy"),
    ("es", "Tây Ban Nha", "Spain"),
    ("pt", "Bồ Đào Nha", "Portugal"),
    ("at", "Áo", "Austria"),
    ("gr", "Hy Lạp", "Greece"),
    ("tr", "Thổ Nhĩ Kỳ", "Türkiye"),
    ("sa", "Ả Rập Xê Út", "Saudi Arabia"),
    ("ae", "Các Tiểu vương quốc Ả Rập Thống nhất", "United Arab Emirates"),
    ("eg", "Ai Cập", "Egypt"),
    ("za", "Nam Phi", "South Africa"),
    ("ng", "Nigeria", "Nigeria"),
    ("br", "Brazil", "Brazil"),
    ("mx", "Mexico", "Mexico"),
    ("ar", "Argentina", "Argentina"),
    ("nz", "New Zealand", "New Zealand"),
    ("pk", "Pakistan", "Pakistan"),
    ("bd", "Bangladesh", "Bangladesh"),
    ("by", "Belarus", "Belarus"),
    ("kz", "Kazakhstan", "Kazakhstan"),
    ("mn", "Mông Cổ", "Mongolia"),
    ("sy", "Syria", "Syria"),
    ("ge", "Gruzia", "Georgia"),
    ("ro", "Romania", "Romania"),
    ("hu", "Hungary", "Hungary"),
];

/// Vietnamese outlets and their web addresses.
pub const SOURCES: &[(&str, &str)] = &[
    ("VnExpress", "vnexpress.net"),
    ("VOV", "vov.vn"),
    ("Tuổi Trẻ", "tuoitre.vn"),
    ("Thanh Niên", "thanhnien.vn"),
    ("Dân trí", "dantri.com.vn"),
    ("VietNamNet", "vietnamnet.vn"),
    ("Nhân Dân", "nhandan.vn"),
    ("Quân đội nhân dân", "qdnd.vn"),
    ("Công an nhân dân", "cand.com.vn"),
    ("Kinh tế & Đô thị", "kinhtedothi.vn"),
    ("Người Lao Động", "nld.com.vn"),
    ("Lao Động", "laodong.vn"),
    ("Tiền Phong", "tienphong.vn"),
    ("Báo Tin tức", "baotintuc.vn"),
    ("VTV", "vtv.vn"),
    ("Pháp luật TP.HCM", "plo.vn"),
    ("ICTnews", "ictnews.vn"),
    ("Znews", "znews.vn"),
    ("Thế giới & Việt Nam", "baoquocte.vn"),
    ("An ninh Thủ đô", "anninhthudo.vn"),
];

pub const FAMILY_NAMES: &[&str] =
    &["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
pub const MIDDLE_NAMES: &[&str] = &["Văn", "Thị", "Minh", "Thanh", "Đức", "Quốc", "Hữu", "Ngọc", "Thu", "Hoàng"];
pub const GIVEN_NAMES: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hằng", "Hiếu", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai",
    "Nam", "Nga", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Thảo", "Trang", "Trung", "Tuấn", "Vinh", "Yến",
];
pub const FOREIGN_FIRST_NAMES: &[&str] = &[
    "John", "Michael", "Sarah", "David", "Anna", "Peter", "Maria", "James", "Robert", "Elena", "Sergei", "Dmitry",
    "Yuki", "Hiroshi", "Min-jun", "Ji-woo", "Wei", "Lina",
];
pub const FOREIGN_LAST_NAMES: &[&str] = &[
    "Smith", "Miller", "Brown", "Johnson", "Carter", "Petrov", "Ivanov", "Sokolov", "Tanaka", "Sato", "Park", "Choi",
    "Zhang", "Liu", "Müller", "Dubois", "Rossi", "Cohen",
];

/// Two halves of the code names security companies give to hacking groups.
pub const GROUP_ADJECTIVES: &[&str] = &[
    "Fancy",
    "Cozy",
    "Venomous",
    "Stone",
    "Wicked",
    "Gothic",
    "Mustang",
    "Deep",
    "Emissary",
    "Samurai",
    "Vixen",
    "Goblin",
    "Hurricane",
    "Ricochet",
    "Flying",
    "Charming",
    "Refined",
    "Helix",
    "Static",
    "Nimble",
    "Ocean",
    "Silent",
    "Velvet",
    "Iron",
    "Granite",
    "Copper",
    "Crimson",
    "Jade",
    "Amber",
    "Scarlet",
    "Shadow",
    "Phantom",
    "Midnight",
    "Volt",
    "Salt",
    "Silk",
    "Flax",
    "Brass",
    "Storm",
    "Lunar",
];
pub const GROUP_ANIMALS: &[&str] = &[
    "Bear",
    "Panda",
    "Kitten",
    "Chollima",
    "Spider",
    "Tiger",
    "Dragon",
    "Lotus",
    "Typhoon",
    "Blizzard",
    "Sandstorm",
    "Sleet",
    "Tempest",
    "Hawk",
    "Jackal",
    "Viper",
    "Falcon",
    "Leopard",
];

/// Agencies and ministries, named after their country: `Bộ Ngoại giao` + ` Trung Quốc`.
pub const AGENCIES: &[(&str, &str)] = &[
    ("Bộ Ngoại giao", "government"),
    ("Bộ Quốc phòng", "government"),
    ("Bộ Công an", "agency"),
    ("Bộ Tư pháp", "agency"),
    ("Cơ quan Tình báo", "agency"),
    ("Cục An ninh mạng", "agency"),
    ("Trung tâm Ứng cứu khẩn cấp máy tính", "agency"),
    ("Đại sứ quán", "government"),
    ("Chính phủ", "government"),
    ("Quốc hội", "government"),
];

pub const COMPANIES: &[&str] = &[
    "Kaspersky",
    "Mandiant",
    "FireEye",
    "CrowdStrike",
    "Microsoft",
    "Google",
    "ESET",
    "Symantec",
    "Trend Micro",
    "Check Point",
    "Palo Alto Networks",
    "Recorded Future",
    "Bkav",
    "Viettel Cyber Security",
    "VNPT",
    "CMC Cyber Security",
    "Qihoo 360",
    "Positive Technologies",
    "Group-IB",
    "Secureworks",
    "Proofpoint",
    "Volexity",
    "Cisco Talos",
    "Sophos",
];
pub const COMPANY_PREFIXES: &[&str] =
    &["Blue", "Red", "Cyber", "Net", "Sec", "Quantum", "Vietsec", "Asia", "Sentinel", "Aegis", "Bastion", "Cobalt"];
pub const COMPANY_SUFFIXES: &[&str] = &["Labs", "Security", "Defense", "Intelligence", "Shield", "Research"];

pub const ORGANIZATIONS: &[&str] = &[
    "NATO",
    "Liên minh châu Âu",
    "Liên Hợp Quốc",
    "ASEAN",
    "Interpol",
    "Europol",
    "Liên minh Viễn thông Quốc tế",
    "Nhóm G7",
    "Citizen Lab",
    "Tổ chức Ân xá Quốc tế",
    "Hiệp hội An toàn thông tin Việt Nam",
    "Diễn đàn Kinh tế Thế giới",
];

/// What attacks hit, as the object of a sentence.
pub const VICTIMS: &[&str] = &[
    "các cơ quan chính phủ",
    "ngành ngân hàng",
    "nhiều bệnh viện",
    "hệ thống điện quốc gia",
    "các hãng hàng không",
    "các trường đại học",
    "nhiều doanh nghiệp viễn thông",
    "các cơ quan báo chí",
    "mạng lưới năng lượng",
    "các tổ chức phi chính phủ",
    "các nhà máy sản xuất",
    "hệ thống cấp nước",
    "các công ty dầu khí",
    "các nhà hoạt động nhân quyền",
    "ủy ban bầu cử",
    "các sàn giao dịch tiền mã hóa",
    "cảng biển",
    "các nhà thầu quốc phòng",
];

pub const SYSTEMS: &[&str] = &[
    "hệ thống thư điện tử",
    "mạng nội bộ",
    "cơ sở dữ liệu khách hàng",
    "hệ thống điều khiển công nghiệp",
    "cổng thông tin điện tử",
    "hệ thống thanh toán",
    "máy chủ lưu trữ tài liệu",
    "hệ thống quản lý nhân sự",
];

pub const VECTORS: &[&str] = &[
    "thư điện tử lừa đảo",
    "các tệp tài liệu Word giả mạo",
    "các bản cập nhật phần mềm bị cài cắm mã độc",
    "trang web giả mạo cơ quan nhà nước",
    "ứng dụng di động độc hại",
    "lỗ hổng trong thiết bị định tuyến",
    "USB bị nhiễm mã độc",
    "tài khoản mạng xã hội giả mạo",
];

pub const SOFTWARE: &[&str] = &[
    "Microsoft Exchange",
    "Microsoft Office",
    "Adobe Flash",
    "Apache Log4j",
    "máy chủ VPN",
    "thiết bị tường lửa",
    "trình duyệt Chrome",
    "hệ điều hành Android",
];

pub const INCIDENTS: &[&str] = &[
    "chiến dịch tấn công mạng nhằm vào",
    "vụ xâm nhập hệ thống của",
    "các cuộc tấn công bằng mã độc tống tiền vào",
    "chiến dịch gián điệp mạng nhắm vào",
    "các cuộc tấn công từ chối dịch vụ vào",
    "vụ đánh cắp dữ liệu của",
    "hoạt động theo dõi trái phép nhắm vào",
];

pub const CRIMES: &[&str] = &[
    "xâm nhập trái phép hệ thống máy tính",
    "đánh cắp bí mật thương mại",
    "rửa tiền thông qua tiền mã hóa",
    "phát tán mã độc",
    "gian lận qua mạng",
    "làm gián điệp cho nước ngoài",
];

pub const RISKS: &[&str] = &[
    "các cuộc tấn công có chủ đích trong thời gian tới",
    "mã độc tống tiền lây lan qua mạng nội bộ",
    "lộ lọt dữ liệu cá nhân của người dùng",
    "các chiến dịch lừa đảo nhân dịp bầu cử",
    "tin tặc khai thác lỗ hổng chưa được vá",
];

pub const DEMANDS: &[&str] = &[
    "chấm dứt ngay các hoạt động tấn công mạng",
    "đưa ra bằng chứng cụ thể cho các cáo buộc",
    "hợp tác điều tra và dẫn độ các nghi phạm",
    "minh bạch thông tin về vụ việc",
    "bồi thường thiệt hại cho các doanh nghiệp bị ảnh hưởng",
];

pub const TOPICS: &[&str] = &[
    "an ninh mạng",
    "phòng chống tội phạm công nghệ cao",
    "chia sẻ thông tin về các mối đe dọa",
    "bảo vệ hạ tầng thông tin trọng yếu",
    "đào tạo nguồn nhân lực an toàn thông tin",
];

/// Who speaks in a filler sentence when no actor does.
pub const SPEAKERS: &[&str] = &[
    "Các chuyên gia an ninh mạng",
    "Một quan chức giấu tên",
    "Giới phân tích",
    "Các nhà nghiên cứu độc lập",
    "Cơ quan chức năng",
    "Một nguồn tin am hiểu vụ việc",
    "Giới quan sát",
    "Đại diện doanh nghiệp bị tấn công",
];

pub const SAYING: &[&str] = &["cho biết", "nhận định", "khẳng định", "cảnh báo", "nhấn mạnh", "lưu ý", "thừa nhận"];

/// Clauses that need no names; they are the bulk of the filler.
pub const CLAUSES: &[&str] = &[
    "các cuộc tấn công có dấu hiệu được chuẩn bị kỹ lưỡng trong nhiều tháng",
    "việc quy trách nhiệm cho một quốc gia cụ thể là rất khó khăn",
    "cơ quan chức năng đang phối hợp với các đối tác quốc tế để điều tra",
    "tin tặc thường sử dụng máy chủ trung gian ở nhiều nước để che giấu dấu vết",
    "phần lớn các vụ tấn công chỉ được phát hiện sau nhiều tháng",
    "thiệt hại thực tế có thể lớn hơn nhiều so với con số được công bố",
    "không có hệ thống nào an toàn tuyệt đối trước các nhóm tin tặc được nhà nước hậu thuẫn",
    "nhiều doanh nghiệp vẫn chưa cập nhật các bản vá bảo mật quan trọng",
    "các bằng chứng kỹ thuật chưa được công bố đầy đủ",
    "mã độc có khả năng ghi lại thao tác bàn phím và chụp ảnh màn hình",
    "dữ liệu bị đánh cắp đã được rao bán trên các diễn đàn tin tặc",
    "người dùng cần cảnh giác với các đường dẫn lạ trong thư điện tử",
    "vụ việc cho thấy những lỗ hổng nghiêm trọng trong công tác bảo đảm an toàn thông tin",
    "các bên cần tăng cường đối thoại để xây dựng lòng tin trên không gian mạng",
    "luật pháp quốc tế về không gian mạng vẫn còn nhiều khoảng trống",
    "hoạt động của nhóm này có xu hướng gia tăng trước các sự kiện chính trị lớn",
    "các máy chủ điều khiển được đặt tại nhiều quốc gia khác nhau",
    "việc khắc phục sự cố có thể kéo dài nhiều tuần",
    "chưa có tổ chức nào đứng ra nhận trách nhiệm",
    "các dấu vết kỹ thuật trùng khớp với những chiến dịch trước đó",
];

pub const TIMES: &[&str] = &["Hồi đầu năm", "Cuối năm", "Từ năm", "Trước đó, vào năm", "Giữa năm"];

pub const CONNECTORS: &[&str] = &["trong khi", "tuy nhiên", "đồng thời", "vì vậy", "mặc dù", "trong bối cảnh"];

pub const HEADINGS: &[&str] = &[
    "Bối cảnh",
    "Diễn biến vụ việc",
    "Phản ứng của các bên",
    "Nhận định của chuyên gia",
    "Những cáo buộc trước đó",
    "Khuyến cáo",
    "Thiệt hại",
    "Điều tra và truy tố",
    "Quan hệ song phương",
    "Câu chuyện quy trách nhiệm",
];

pub const ADVICE: &[&str] = &[
    "Cập nhật bản vá bảo mật cho hệ điều hành và phần mềm",
    "Không mở tệp đính kèm từ địa chỉ thư lạ",
    "Bật xác thực hai yếu tố cho các tài khoản quan trọng",
    "Sao lưu dữ liệu định kỳ và lưu trữ ngoại tuyến",
    "Theo dõi lưu lượng mạng bất thường",
    "Báo cáo sự cố cho cơ quan chức năng",
    "Rà soát quyền truy cập của nhân viên",
    "Kiểm tra nguồn gốc các ứng dụng trước khi cài đặt",
];

pub const TAGS: &[&str] = &[
    "tấn công mạng",
    "gián điệp mạng",
    "mã độc",
    "mã độc tống tiền",
    "lừa đảo trực tuyến",
    "rò rỉ dữ liệu",
    "quy trách nhiệm",
    "phản bác",
    "trừng phạt",
    "hợp tác quốc tế",
    "bầu cử",
    "hạ tầng trọng yếu",
];
