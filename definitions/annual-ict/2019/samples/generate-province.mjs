// Generates samples/province.json: a complete, realistic annual-ict 2019 province report
// (Biểu mẫu 03) with 300 rows of level-3/4 online services. Deterministic (seeded PRNG),
// so re-running it gives the same file. Counts (level3Count, level4Count, one-stop sums)
// are derived from the generated rows so that every rule of the definition holds.
// Usage: node definitions/annual-ict/2019/samples/generate-province.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(2019);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

// [field, [actions…], object]
const PROCEDURES = [
  ['Xây dựng', ['Cấp', 'Cấp điều chỉnh', 'Gia hạn'], 'giấy phép xây dựng công trình không theo tuyến'],
  ['Xây dựng', ['Cấp', 'Cấp điều chỉnh', 'Gia hạn'], 'giấy phép xây dựng nhà ở riêng lẻ'],
  ['Xây dựng', ['Cấp', 'Cấp lại', 'Điều chỉnh, bổ sung nội dung'], 'chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III'],
  ['Xây dựng', ['Cấp', 'Cấp lại'], 'chứng chỉ năng lực hoạt động xây dựng hạng II, hạng III'],
  ['Xây dựng', ['Thẩm định'], 'báo cáo nghiên cứu khả thi đầu tư xây dựng'],
  ['Xây dựng', ['Thẩm định'], 'thiết kế xây dựng triển khai sau thiết kế cơ sở'],
  ['Công Thương', ['Cấp', 'Cấp lại', 'Cấp sửa đổi, bổ sung'], 'giấy phép bán lẻ sản phẩm thuốc lá'],
  ['Công Thương', ['Cấp', 'Cấp lại', 'Cấp sửa đổi, bổ sung'], 'giấy phép bán buôn rượu trên địa bàn tỉnh'],
  ['Công Thương', ['Cấp', 'Cấp lại', 'Cấp sửa đổi, bổ sung'], 'giấy phép bán lẻ rượu'],
  ['Công Thương', ['Cấp', 'Cấp lại', 'Cấp điều chỉnh'], 'giấy chứng nhận đủ điều kiện cửa hàng bán lẻ xăng dầu'],
  ['Công Thương', ['Cấp', 'Cấp lại', 'Cấp điều chỉnh'], 'giấy chứng nhận đủ điều kiện thương nhân kinh doanh mua bán LPG'],
  ['Công Thương', ['Cấp', 'Cấp lại'], 'giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm trong lĩnh vực công thương'],
  ['Công Thương', ['Đăng ký'], 'thực hiện khuyến mại theo hình thức mang tính may rủi'],
  ['Công Thương', ['Cấp', 'Cấp lại', 'Gia hạn'], 'giấy phép hoạt động điện lực trong lĩnh vực phân phối điện'],
  ['Công Thương', ['Cấp', 'Cấp lại', 'Cấp sửa đổi, bổ sung'], 'giấy phép thành lập Văn phòng đại diện của thương nhân nước ngoài'],
  ['Y tế', ['Cấp', 'Cấp lại', 'Điều chỉnh'], 'chứng chỉ hành nghề khám bệnh, chữa bệnh'],
  ['Y tế', ['Cấp', 'Cấp lại', 'Điều chỉnh'], 'giấy phép hoạt động phòng khám chuyên khoa'],
  ['Y tế', ['Cấp', 'Cấp lại', 'Điều chỉnh nội dung'], 'chứng chỉ hành nghề dược'],
  ['Y tế', ['Cấp', 'Cấp lại', 'Điều chỉnh nội dung'], 'giấy chứng nhận đủ điều kiện kinh doanh dược'],
  ['Y tế', ['Cấp', 'Cấp lại'], 'giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm trong lĩnh vực y tế'],
  ['Y tế', ['Cấp', 'Cấp lại'], 'giấy xác nhận nội dung quảng cáo mỹ phẩm'],
  ['Y tế', ['Công bố'], 'đủ điều kiện thực hiện khám sức khỏe'],
  ['Giáo dục và Đào tạo', ['Cấp', 'Chỉnh sửa nội dung'], 'bản sao văn bằng, chứng chỉ từ sổ gốc'],
  ['Giáo dục và Đào tạo', ['Cấp phép', 'Cấp lại giấy phép'], 'hoạt động dạy thêm, học thêm ngoài nhà trường'],
  ['Giáo dục và Đào tạo', ['Cho phép thành lập', 'Cho phép hoạt động giáo dục'], 'trung tâm ngoại ngữ, tin học'],
  ['Giáo dục và Đào tạo', ['Đăng ký'], 'dự thi trung học phổ thông quốc gia'],
  ['Giáo dục và Đào tạo', ['Phúc khảo'], 'bài thi trung học phổ thông quốc gia'],
  ['Giáo dục và Đào tạo', ['Công nhận'], 'trường mầm non đạt chuẩn quốc gia'],
  ['Lao động - Thương binh và Xã hội', ['Cấp', 'Gia hạn', 'Cấp lại'], 'giấy phép lao động cho người lao động nước ngoài'],
  ['Lao động - Thương binh và Xã hội', ['Xác nhận'], 'người lao động nước ngoài không thuộc diện cấp giấy phép lao động'],
  ['Lao động - Thương binh và Xã hội', ['Cấp', 'Cấp lại'], 'giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp'],
  ['Lao động - Thương binh và Xã hội', ['Giải quyết'], 'hưởng trợ cấp thất nghiệp'],
  ['Lao động - Thương binh và Xã hội', ['Đăng ký'], 'nội quy lao động của doanh nghiệp'],
  ['Lao động - Thương binh và Xã hội', ['Đăng ký'], 'thỏa ước lao động tập thể doanh nghiệp'],
  ['Lao động - Thương binh và Xã hội', ['Cấp', 'Cấp lại'], 'giấy phép thành lập cơ sở trợ giúp xã hội'],
  ['Tài nguyên và Môi trường', ['Cấp', 'Gia hạn', 'Điều chỉnh'], 'giấy phép thăm dò khoáng sản'],
  ['Tài nguyên và Môi trường', ['Cấp', 'Gia hạn', 'Điều chỉnh'], 'giấy phép khai thác, sử dụng nước mặt'],
  ['Tài nguyên và Môi trường', ['Cấp', 'Gia hạn', 'Điều chỉnh'], 'giấy phép xả nước thải vào nguồn nước'],
  ['Tài nguyên và Môi trường', ['Thẩm định, phê duyệt'], 'báo cáo đánh giá tác động môi trường'],
  ['Tài nguyên và Môi trường', ['Xác nhận'], 'kế hoạch bảo vệ môi trường'],
  ['Tài nguyên và Môi trường', ['Đăng ký', 'Xóa đăng ký'], 'thế chấp quyền sử dụng đất, tài sản gắn liền với đất'],
  ['Tài nguyên và Môi trường', ['Cung cấp'], 'thông tin, dữ liệu đất đai'],
  ['Tài nguyên và Môi trường', ['Cấp', 'Gia hạn'], 'sổ đăng ký chủ nguồn thải chất thải nguy hại'],
  ['Giao thông vận tải', ['Cấp', 'Cấp lại'], 'giấy phép kinh doanh vận tải bằng xe ô tô'],
  ['Giao thông vận tải', ['Cấp', 'Cấp lại'], 'phù hiệu xe ô tô kinh doanh vận tải'],
  ['Giao thông vận tải', ['Đổi'], 'giấy phép lái xe do ngành Giao thông vận tải cấp'],
  ['Giao thông vận tải', ['Cấp', 'Gia hạn'], 'giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn'],
  ['Giao thông vận tải', ['Chấp thuận'], 'thiết kế kỹ thuật và phương án tổ chức thi công nút giao đấu nối vào quốc lộ'],
  ['Giao thông vận tải', ['Cấp', 'Cấp lại'], 'giấy chứng nhận đăng ký phương tiện thủy nội địa'],
  ['Kế hoạch và Đầu tư', ['Đăng ký thành lập', 'Đăng ký thay đổi nội dung đăng ký'], 'doanh nghiệp tư nhân'],
  ['Kế hoạch và Đầu tư', ['Đăng ký thành lập', 'Đăng ký thay đổi nội dung đăng ký'], 'công ty trách nhiệm hữu hạn một thành viên'],
  ['Kế hoạch và Đầu tư', ['Đăng ký thành lập', 'Đăng ký thay đổi nội dung đăng ký'], 'công ty trách nhiệm hữu hạn hai thành viên trở lên'],
  ['Kế hoạch và Đầu tư', ['Đăng ký thành lập', 'Đăng ký thay đổi nội dung đăng ký'], 'công ty cổ phần'],
  ['Kế hoạch và Đầu tư', ['Thông báo'], 'tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo'],
  ['Kế hoạch và Đầu tư', ['Cấp', 'Điều chỉnh'], 'giấy chứng nhận đăng ký đầu tư'],
  ['Kế hoạch và Đầu tư', ['Đăng ký thành lập', 'Đăng ký thay đổi'], 'hộ kinh doanh'],
  ['Kế hoạch và Đầu tư', ['Đăng ký thành lập', 'Đăng ký thay đổi'], 'hợp tác xã'],
  ['Tư pháp', ['Cấp'], 'phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam'],
  ['Tư pháp', ['Cấp'], 'phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng'],
  ['Tư pháp', ['Đăng ký', 'Thay đổi nội dung đăng ký'], 'hoạt động của Văn phòng công chứng'],
  ['Tư pháp', ['Đăng ký', 'Thay đổi nội dung đăng ký'], 'hoạt động của tổ chức hành nghề luật sư'],
  ['Tư pháp', ['Đăng ký'], 'khai sinh có yếu tố nước ngoài'],
  ['Tư pháp', ['Đăng ký'], 'kết hôn có yếu tố nước ngoài'],
  ['Tư pháp', ['Đăng ký'], 'khai sinh'],
  ['Tư pháp', ['Đăng ký'], 'khai tử'],
  ['Tư pháp', ['Cấp'], 'bản sao trích lục hộ tịch'],
  ['Tư pháp', ['Chứng thực'], 'bản sao từ bản chính giấy tờ, văn bản'],
  ['Văn hóa, Thể thao và Du lịch', ['Cấp', 'Cấp lại', 'Cấp đổi'], 'giấy phép kinh doanh dịch vụ lữ hành nội địa'],
  ['Văn hóa, Thể thao và Du lịch', ['Cấp', 'Cấp lại', 'Cấp đổi'], 'thẻ hướng dẫn viên du lịch nội địa'],
  ['Văn hóa, Thể thao và Du lịch', ['Công nhận'], 'cơ sở lưu trú du lịch hạng 1 sao, 2 sao'],
  ['Văn hóa, Thể thao và Du lịch', ['Cấp', 'Cấp lại'], 'giấy phép kinh doanh karaoke'],
  ['Văn hóa, Thể thao và Du lịch', ['Cấp'], 'giấy phép tổ chức biểu diễn nghệ thuật'],
  ['Văn hóa, Thể thao và Du lịch', ['Tiếp nhận'], 'hồ sơ thông báo sản phẩm quảng cáo trên bảng quảng cáo, băng rôn'],
  ['Thông tin và Truyền thông', ['Cấp', 'Sửa đổi, bổ sung', 'Gia hạn'], 'giấy phép thiết lập trang thông tin điện tử tổng hợp'],
  ['Thông tin và Truyền thông', ['Cấp', 'Sửa đổi, bổ sung'], 'giấy phép hoạt động in'],
  ['Thông tin và Truyền thông', ['Cấp'], 'giấy phép xuất bản bản tin'],
  ['Thông tin và Truyền thông', ['Cấp', 'Sửa đổi, bổ sung', 'Gia hạn'], 'giấy chứng nhận đăng ký cung cấp trò chơi điện tử G1 trên mạng'],
  ['Thông tin và Truyền thông', ['Cấp', 'Sửa đổi, bổ sung'], 'giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng'],
  ['Thông tin và Truyền thông', ['Đăng ký'], 'hoạt động cơ sở in'],
  ['Nông nghiệp và Phát triển nông thôn', ['Cấp', 'Cấp lại'], 'giấy chứng nhận cơ sở đủ điều kiện buôn bán thuốc bảo vệ thực vật'],
  ['Nông nghiệp và Phát triển nông thôn', ['Cấp', 'Cấp lại'], 'giấy chứng nhận đủ điều kiện buôn bán phân bón'],
  ['Nông nghiệp và Phát triển nông thôn', ['Cấp', 'Cấp lại'], 'giấy chứng nhận điều kiện vệ sinh thú y'],
  ['Nông nghiệp và Phát triển nông thôn', ['Cấp'], 'giấy chứng nhận kiểm dịch động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn cấp tỉnh'],
  ['Nông nghiệp và Phát triển nông thôn', ['Cấp', 'Cấp lại'], 'giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm nông, lâm, thủy sản'],
  ['Nông nghiệp và Phát triển nông thôn', ['Phê duyệt'], 'phương án khai thác thực vật rừng thông thường'],
  ['Khoa học và Công nghệ', ['Cấp', 'Cấp lại', 'Sửa đổi, bổ sung'], 'giấy chứng nhận đăng ký hoạt động khoa học và công nghệ'],
  ['Khoa học và Công nghệ', ['Cấp', 'Gia hạn', 'Sửa đổi'], 'giấy phép tiến hành công việc bức xạ sử dụng thiết bị X-quang chẩn đoán trong y tế'],
  ['Khoa học và Công nghệ', ['Cấp', 'Cấp lại'], 'chứng chỉ nhân viên bức xạ'],
  ['Khoa học và Công nghệ', ['Đăng ký'], 'kết quả thực hiện nhiệm vụ khoa học và công nghệ không sử dụng ngân sách nhà nước'],
  ['Nội vụ', ['Thành lập', 'Phê duyệt điều lệ'], 'hội có phạm vi hoạt động trong tỉnh'],
  ['Nội vụ', ['Công nhận'], 'ban vận động thành lập hội'],
  ['Nội vụ', ['Đăng ký'], 'hoạt động tôn giáo có sự tham gia của tín đồ ở nhiều huyện'],
  ['Nội vụ', ['Thẩm định'], 'thành lập, tổ chức lại, giải thể đơn vị sự nghiệp công lập'],
  ['Tài chính', ['Đăng ký'], 'mã số đơn vị có quan hệ với ngân sách'],
  ['Tài chính', ['Quyết toán'], 'dự án hoàn thành sử dụng vốn nhà nước'],
  ['Lao động - Thương binh và Xã hội', ['Giải quyết'], 'chế độ trợ cấp một lần đối với người có công với cách mạng'],
  ['Lao động - Thương binh và Xã hội', ['Giải quyết'], 'trợ cấp xã hội hằng tháng đối với đối tượng bảo trợ xã hội'],
  ['Ngoại vụ', ['Cho phép'], 'tổ chức hội nghị, hội thảo quốc tế thuộc thẩm quyền của Chủ tịch UBND tỉnh'],
  ['Ngoại vụ', ['Cấp', 'Cấp lại'], 'thẻ đi lại của doanh nhân APEC'],
  ['Ngoại vụ', ['Cho phép'], 'cán bộ, công chức đi nước ngoài về việc riêng'],
  ['Dân tộc', ['Công nhận', 'Đưa ra khỏi danh sách'], 'người có uy tín trong đồng bào dân tộc thiểu số'],
  ['Quản lý khu kinh tế', ['Cấp', 'Điều chỉnh'], 'giấy chứng nhận đăng ký đầu tư dự án trong khu kinh tế cửa khẩu'],
  ['Quản lý khu kinh tế', ['Cấp', 'Gia hạn'], 'giấy phép xây dựng công trình trong khu kinh tế cửa khẩu'],
  ['Quản lý khu kinh tế', ['Cấp', 'Cấp lại', 'Gia hạn'], 'giấy phép lao động cho người nước ngoài làm việc trong khu kinh tế'],
  ['Thanh tra', ['Giải quyết'], 'khiếu nại lần hai tại cấp tỉnh'],
  ['Thanh tra', ['Giải quyết'], 'tố cáo tại cấp tỉnh'],
  ['Thông tin và Truyền thông', ['Cấp', 'Sửa đổi, bổ sung'], 'giấy phép bưu chính'],
  ['Thông tin và Truyền thông', ['Xác nhận'], 'thông báo hoạt động bưu chính'],
  ['Văn hóa, Thể thao và Du lịch', ['Cấp'], 'giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao'],
  ['Văn hóa, Thể thao và Du lịch', ['Cấp'], 'giấy phép tổ chức triển lãm mỹ thuật'],
  ['Văn hóa, Thể thao và Du lịch', ['Cấp'], 'giấy phép tu bổ, phục hồi di tích'],
  ['Y tế', ['Cấp', 'Cấp lại'], 'giấy chứng nhận đủ điều kiện sản xuất mỹ phẩm'],
  ['Y tế', ['Cấp'], 'giấy phép hoạt động đối với trạm, điểm sơ cấp cứu chữ thập đỏ'],
  ['Giáo dục và Đào tạo', ['Chuyển trường'], 'đối với học sinh trung học phổ thông'],
  ['Giáo dục và Đào tạo', ['Công nhận'], 'trường trung học phổ thông đạt chuẩn quốc gia'],
  ['Nông nghiệp và Phát triển nông thôn', ['Cấp', 'Cấp lại'], 'giấy phép vận chuyển thuốc bảo vệ thực vật'],
  ['Nông nghiệp và Phát triển nông thôn', ['Công nhận'], 'làng nghề, làng nghề truyền thống'],
];
// district-level (cấp huyện) and commune-level (cấp xã) procedures: [level, field, [actions…], object]
const LOCAL = [
  ['huyện', 'Xây dựng', ['Cấp', 'Cấp điều chỉnh', 'Gia hạn', 'Cấp lại'], 'giấy phép xây dựng nhà ở riêng lẻ'],
  ['huyện', 'Xây dựng', ['Cấp', 'Gia hạn'], 'giấy phép xây dựng công trình có thời hạn'],
  ['huyện', 'Thành lập và hoạt động của hộ kinh doanh', ['Đăng ký thành lập', 'Đăng ký thay đổi nội dung đăng ký', 'Thông báo tạm ngừng kinh doanh', 'Chấm dứt hoạt động'], 'hộ kinh doanh'],
  ['huyện', 'Thành lập và hoạt động của hợp tác xã', ['Đăng ký thành lập', 'Đăng ký thay đổi nội dung đăng ký', 'Giải thể tự nguyện'], 'hợp tác xã'],
  ['huyện', 'Lưu thông hàng hóa trong nước', ['Cấp', 'Cấp lại', 'Cấp sửa đổi, bổ sung'], 'giấy phép bán lẻ rượu'],
  ['huyện', 'Lưu thông hàng hóa trong nước', ['Cấp', 'Cấp lại', 'Cấp sửa đổi, bổ sung'], 'giấy phép bán lẻ sản phẩm thuốc lá'],
  ['huyện', 'Công nghiệp địa phương', ['Cấp', 'Cấp lại', 'Cấp sửa đổi, bổ sung'], 'giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh'],
  ['huyện', 'Chứng thực', ['Chứng thực'], 'bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của nước ngoài cấp'],
  ['huyện', 'Chứng thực', ['Chứng thực'], 'chữ ký người dịch mà người dịch là cộng tác viên dịch thuật'],
  ['huyện', 'Hộ tịch', ['Đăng ký'], 'khai sinh có yếu tố nước ngoài'],
  ['huyện', 'Hộ tịch', ['Đăng ký'], 'kết hôn có yếu tố nước ngoài'],
  ['huyện', 'Hộ tịch', ['Đăng ký'], 'khai tử có yếu tố nước ngoài'],
  ['huyện', 'Hộ tịch', ['Thay đổi, cải chính, bổ sung'], 'hộ tịch, xác định lại dân tộc'],
  ['huyện', 'Hộ tịch', ['Ghi vào Sổ hộ tịch'], 'việc hộ tịch của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài'],
  ['huyện', 'Đất đai', ['Đăng ký, cấp'], 'giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất lần đầu'],
  ['huyện', 'Đất đai', ['Đăng ký'], 'biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất'],
  ['huyện', 'Đất đai', ['Cấp đổi', 'Cấp lại', 'Đính chính'], 'giấy chứng nhận quyền sử dụng đất'],
  ['huyện', 'Đất đai', ['Thực hiện'], 'chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền'],
  ['huyện', 'Đất đai', ['Thực hiện'], 'tách thửa hoặc hợp thửa đất'],
  ['huyện', 'Môi trường', ['Xác nhận'], 'đăng ký kế hoạch bảo vệ môi trường'],
  ['huyện', 'Giáo dục và Đào tạo', ['Cho phép hoạt động giáo dục', 'Thành lập'], 'trường mầm non'],
  ['huyện', 'Giáo dục và Đào tạo', ['Cho phép hoạt động giáo dục', 'Thành lập'], 'trường tiểu học'],
  ['huyện', 'Giáo dục và Đào tạo', ['Cho phép hoạt động giáo dục', 'Thành lập'], 'trường trung học cơ sở'],
  ['huyện', 'Giáo dục và Đào tạo', ['Thực hiện'], 'chuyển trường đối với học sinh trung học cơ sở'],
  ['huyện', 'Giáo dục và Đào tạo', ['Công nhận'], 'xã đạt chuẩn phổ cập giáo dục, xóa mù chữ'],
  ['huyện', 'Bảo trợ xã hội', ['Thực hiện', 'Điều chỉnh', 'Thôi hưởng'], 'trợ cấp xã hội hằng tháng'],
  ['huyện', 'Bảo trợ xã hội', ['Hỗ trợ'], 'chi phí mai táng cho đối tượng bảo trợ xã hội'],
  ['huyện', 'Bảo trợ xã hội', ['Cấp', 'Cấp lại'], 'giấy phép hoạt động đối với cơ sở trợ giúp xã hội có dưới 10 đối tượng'],
  ['huyện', 'Người có công', ['Giải quyết'], 'chế độ mai táng phí đối với cựu chiến binh'],
  ['huyện', 'Người có công', ['Hỗ trợ'], 'học văn hóa, học nghề, trợ cấp khó khăn ban đầu cho người sau cai nghiện'],
  ['huyện', 'Văn hóa', ['Cấp', 'Điều chỉnh'], 'giấy phép kinh doanh dịch vụ karaoke'],
  ['huyện', 'Văn hóa', ['Đăng ký', 'Thông báo'], 'tổ chức lễ hội'],
  ['huyện', 'Văn hóa', ['Công nhận'], 'tổ dân phố văn hóa, thôn văn hóa'],
  ['huyện', 'Tổ chức phi chính phủ', ['Công nhận ban vận động thành lập', 'Thành lập', 'Phê duyệt điều lệ'], 'hội có phạm vi hoạt động trong huyện'],
  ['huyện', 'Tôn giáo', ['Đăng ký'], 'sinh hoạt tôn giáo tập trung'],
  ['huyện', 'Thi đua, khen thưởng', ['Tặng'], 'giấy khen của Chủ tịch UBND cấp huyện'],
  ['huyện', 'Nông nghiệp', ['Hỗ trợ'], 'khôi phục sản xuất vùng bị thiệt hại do thiên tai, dịch bệnh'],
  ['huyện', 'Nông nghiệp', ['Cấp'], 'giấy chứng nhận kinh tế trang trại'],
  ['huyện', 'Lâm nghiệp', ['Phê duyệt'], 'phương án khai thác gỗ rừng trồng của hộ gia đình'],
  ['huyện', 'An toàn thực phẩm', ['Cấp', 'Cấp lại'], 'giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm'],
  ['huyện', 'Tài chính', ['Thẩm tra, phê duyệt'], 'quyết toán dự án hoàn thành thuộc ngân sách cấp huyện'],
  ['huyện', 'Đường thủy nội địa', ['Đăng ký lần đầu', 'Đăng ký lại'], 'phương tiện thủy nội địa'],
  ['huyện', 'Đường bộ', ['Cấp'], 'giấy phép thi công công trình trên đường huyện đang khai thác'],
  ['huyện', 'Trò chơi điện tử', ['Cấp', 'Sửa đổi, bổ sung', 'Gia hạn'], 'giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng'],
  ['huyện', 'Tiếp công dân, khiếu nại, tố cáo', ['Giải quyết'], 'khiếu nại lần đầu tại cấp huyện'],
  ['huyện', 'Tiếp công dân, khiếu nại, tố cáo', ['Giải quyết'], 'tố cáo tại cấp huyện'],
  ['xã', 'Hộ tịch', ['Đăng ký'], 'khai sinh'],
  ['xã', 'Hộ tịch', ['Đăng ký'], 'kết hôn'],
  ['xã', 'Hộ tịch', ['Đăng ký'], 'khai tử'],
  ['xã', 'Hộ tịch', ['Đăng ký'], 'nhận cha, mẹ, con'],
  ['xã', 'Hộ tịch', ['Đăng ký'], 'khai sinh kết hợp nhận cha, mẹ, con'],
  ['xã', 'Hộ tịch', ['Đăng ký', 'Chấm dứt'], 'giám hộ'],
  ['xã', 'Hộ tịch', ['Thay đổi, cải chính'], 'hộ tịch cho người dưới 14 tuổi'],
  ['xã', 'Hộ tịch', ['Cấp'], 'giấy xác nhận tình trạng hôn nhân'],
  ['xã', 'Hộ tịch', ['Đăng ký lại'], 'khai sinh'],
  ['xã', 'Hộ tịch', ['Cấp'], 'bản sao trích lục hộ tịch'],
  ['xã', 'Chứng thực', ['Chứng thực'], 'bản sao từ bản chính giấy tờ, văn bản'],
  ['xã', 'Chứng thực', ['Chứng thực'], 'chữ ký trong các giấy tờ, văn bản'],
  ['xã', 'Chứng thực', ['Chứng thực'], 'hợp đồng, giao dịch liên quan đến tài sản là động sản'],
  ['xã', 'Tín ngưỡng', ['Đăng ký'], 'hoạt động tín ngưỡng'],
  ['xã', 'Bảo trợ xã hội', ['Công nhận'], 'hộ nghèo, hộ cận nghèo phát sinh trong năm'],
  ['xã', 'Nông nghiệp', ['Xác nhận'], 'hộ gia đình làm nông nghiệp, lâm nghiệp có mức sống trung bình'],
  ['xã', 'Đất đai', ['Hòa giải'], 'tranh chấp đất đai'],
  ['xã', 'Văn hóa', ['Công nhận'], 'gia đình văn hóa'],
];
const ALL = [
  ...PROCEDURES.flatMap(([field, actions, object]) => actions.map((a) => ({ field, name: `${a} ${object} (lĩnh vực ${field})` }))),
  ...LOCAL.flatMap(([level, field, actions, object]) => actions.map((a) => ({ field, name: `${a} ${object} (lĩnh vực ${field}, cấp ${level})` }))),
];
if (ALL.length < 300 || new Set(ALL.map((p) => p.name)).size !== ALL.length) throw new Error(`procedure list: ${ALL.length}`);

const legalBasis = [
  'Quyết định số 877/QĐ-TTg ngày 18/7/2018 của Thủ tướng Chính phủ',
  'Kế hoạch cung cấp dịch vụ công trực tuyến năm 2019 của UBND tỉnh Cao Bằng',
];

const services = [];
let level3 = 0;
let level4 = 0;
for (let i = 0; i < 300; i++) {
  const p = ALL[i];
  const r = rand();
  let plannedLevel;
  let currentLevel;
  let note;
  if (r < 0.78) { plannedLevel = 3; currentLevel = 3; }
  else if (r < 0.9) { plannedLevel = 4; currentLevel = 4; }
  else if (r < 0.97) { plannedLevel = 4; currentLevel = 3; note = 'Chưa tích hợp thanh toán trực tuyến, dự kiến nâng cấp lên mức độ 4 trong quý I/2020'; }
  else { plannedLevel = 3; note = 'Đang hoàn thiện quy trình điện tử, chưa đưa vào vận hành'; }
  const row = { name: p.name };
  row.plannedLevel = plannedLevel;
  if (currentLevel) {
    row.currentLevel = currentLevel;
    row.url = `https://dichvucong.caobang.gov.vn/thu-tuc-hanh-chinh/${1000 + i}`;
    const total = rand() < 0.15 ? 0 : int(1, currentLevel === 3 ? 900 : 350);
    const online = Math.min(total, Math.floor(total * rand() * (currentLevel === 3 ? 0.35 : 0.6)));
    row.onlineApplications = online;
    row.totalApplications = total;
    if (currentLevel === 3) level3++; else level4++;
  }
  row.legalBasis = legalBasis[rand() < 0.45 ? 0 : 1];
  if (note) row.note = note;
  services.push(row);
}

const departments = ['Văn phòng UBND tỉnh', 'Sở Nội vụ', 'Sở Tư pháp', 'Sở Kế hoạch và Đầu tư', 'Sở Tài chính', 'Sở Công Thương',
  'Sở Nông nghiệp và Phát triển nông thôn', 'Sở Giao thông vận tải', 'Sở Xây dựng', 'Sở Tài nguyên và Môi trường',
  'Sở Thông tin và Truyền thông', 'Sở Lao động - Thương binh và Xã hội', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Khoa học và Công nghệ',
  'Sở Giáo dục và Đào tạo', 'Sở Y tế', 'Sở Ngoại vụ', 'Thanh tra tỉnh', 'Ban Dân tộc', 'Ban Quản lý Khu kinh tế tỉnh'];
const deptSlug = ['vpubnd', 'snv', 'stp', 'skhdt', 'stc', 'sct', 'snnptnt', 'sgtvt', 'sxd', 'stnmt', 'sotttt', 'sldtbxh', 'svhttdl', 'skhcn', 'sgddt', 'syt', 'sngv', 'thanhtra', 'bandantoc', 'bqlkkt'];
const districts = [['Thành phố Cao Bằng', 'thanhpho'], ['Huyện Bảo Lâm', 'baolam'], ['Huyện Bảo Lạc', 'baolac'], ['Huyện Thông Nông', 'thongnong'],
  ['Huyện Hà Quảng', 'haquang'], ['Huyện Trà Lĩnh', 'tralinh'], ['Huyện Trùng Khánh', 'trungkhanh'], ['Huyện Hạ Lang', 'halang'],
  ['Huyện Quảng Uyên', 'quanguyen'], ['Huyện Phục Hòa', 'phuchoa'], ['Huyện Hòa An', 'hoaan'], ['Huyện Nguyên Bình', 'nguyenbinh'], ['Huyện Thạch An', 'thachan']];
const portals = [
  ...departments.map((d, i) => ({ unitName: d, portalType: 'component', url: `https://${deptSlug[i]}.caobang.gov.vn` })),
  ...districts.map(([d, s]) => ({ unitName: `UBND ${d.replace('Huyện', 'huyện').replace('Thành phố', 'thành phố')}`, portalType: 'component', url: `https://${s}.caobang.gov.vn` })),
];

const oneStopCommunes = 121;
const report = {
  definition: { form: 'annual-ict', version: '2019', variant: 'province' },
  general: {
    agencyName: 'Ủy ban nhân dân tỉnh Cao Bằng',
    address: 'Số 011 đường Hoàng Đình Giong, phường Hợp Giang, thành phố Cao Bằng, tỉnh Cao Bằng',
    phone: '0206 3852 139',
    fax: '0206 3852 196',
    email: 'ubnd@caobang.gov.vn',
    portalUrl: 'https://caobang.gov.vn',
    unitCount: 33,
    totalStaff: 19850,
    permanentStaff: 18120,
    contractStaff: 1730,
  },
  contact: {
    fullName: 'Nông Thị Thanh Huyền',
    unit: 'Phòng Quản lý Công nghệ thông tin, Sở Thông tin và Truyền thông tỉnh Cao Bằng',
    position: 'Phó Trưởng phòng',
    landline: '026 3859 899',
    mobile: '0915 268 447',
    email: 'pqlcntt@caobang.gov.vn',
  },
  infrastructure: {
    computers: 16420,
    staffWithComputers: 15980,
    computersInternet: 15760,
    computersAntivirus: 9850,
    servers: 68,
    unitsWithLan: { numerator: 231, denominator: 232 },
    wanTypes: ['specialized'],
    lanConnectedWan: { numerator: 46, denominator: 231 },
    internetBandwidth: 1250,
    security: { firewall: true, intrusionDetection: true, centralAntivirus: true, dataBackup: true, serverRoom: true, securityMonitoring: false },
  },
  documents: {
    hasDms: true,
    unitsWithDms: 232,
    dmsModel: 'centralized',
    dmsInterconnected: true,
    dmsConnectedGovernment: true,
    fullyElectronicInternal: 62.5,
    fullyElectronicExternal: 45,
    parallelInternal: 30,
    parallelExternal: 40,
    submittedElectronically: 85,
    recommendations: 'Đề nghị Bộ Thông tin và Truyền thông sớm ban hành hướng dẫn kỹ thuật về lưu trữ văn bản điện tử và hỗ trợ kinh phí nâng cấp hệ thống quản lý văn bản và điều hành kết nối Trục liên thông văn bản quốc gia.',
  },
  oneStop: {
    unitsUsingIt: departments.length + districts.length + oneStopCommunes,
    unitsTotal: 232,
    deploymentMode: 'synchronised',
    softwareName: 'Hệ thống thông tin một cửa điện tử tỉnh Cao Bằng',
    vendor: 'Tập đoàn Bưu chính Viễn thông Việt Nam (VNPT)',
    interconnection: ['horizontal', 'vertical'],
    lookupChannels: ['touchScreen', 'internet', 'sms', 'other'],
    lookupOther: 'Quét mã QR in trên giấy biên nhận hồ sơ',
    applicationsReceived: 186450,
    applicationsOnTime: 181236,
    fileTransfer: 'whole',
  },
  informationSystems: [
    { name: 'Hệ thống quản lý văn bản và điều hành tỉnh Cao Bằng', managedInformation: 'Văn bản đi, văn bản đến, hồ sơ công việc', scope: 'Các sở, ban, ngành, UBND cấp huyện, cấp xã', technology: '.NET, SQL Server', connectivity: 'Kết nối Trục liên thông văn bản quốc gia qua LGSP tỉnh', status: 'deployed', yearDeployed: 2016, storage: 'onPremise', recordsUpdated: 512340, responsibleUnit: 'Sở Thông tin và Truyền thông' },
    { name: 'Cổng dịch vụ công và Hệ thống thông tin một cửa điện tử tỉnh', managedInformation: 'Thủ tục hành chính, hồ sơ giải quyết thủ tục hành chính', scope: 'Toàn tỉnh', technology: 'Java, PostgreSQL', connectivity: 'Kết nối Cổng dịch vụ công quốc gia, dịch vụ bưu chính công ích', status: 'deployed', yearDeployed: 2019, storage: 'onPremise', recordsUpdated: 186450, responsibleUnit: 'Văn phòng UBND tỉnh' },
    { name: 'Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Cao Bằng (LGSP)', managedInformation: 'Dịch vụ tích hợp, chia sẻ dữ liệu', scope: 'Toàn tỉnh', technology: 'WSO2', connectivity: 'Kết nối Nền tảng NGSP quốc gia', status: 'deployed', yearDeployed: 2019, storage: 'onPremise', responsibleUnit: 'Sở Thông tin và Truyền thông' },
    { name: 'Cơ sở dữ liệu đất đai tỉnh Cao Bằng', managedInformation: 'Hồ sơ địa chính, bản đồ địa chính', scope: 'Thành phố Cao Bằng và 02 huyện thí điểm', technology: 'ViLIS 2.0', connectivity: 'Chưa kết nối', status: 'building', storage: 'onPremise', responsibleUnit: 'Sở Tài nguyên và Môi trường' },
    { name: 'Hệ thống thư điện tử công vụ tỉnh', managedInformation: 'Hộp thư điện tử công vụ của cán bộ, công chức', scope: 'Toàn tỉnh', technology: 'Zimbra', connectivity: 'Tích hợp đăng nhập một lần', status: 'deployed', yearDeployed: 2012, storage: 'onPremise', recordsUpdated: 4215, responsibleUnit: 'Sở Thông tin và Truyền thông' },
    { name: 'Trung tâm giám sát, điều hành đô thị thông minh', managedInformation: 'Dữ liệu giám sát, điều hành', scope: 'Toàn tỉnh', technology: 'Chưa xác định', connectivity: 'Kết nối LGSP tỉnh', status: 'planned', storage: 'hired', responsibleUnit: 'Sở Thông tin và Truyền thông' },
  ],
  localGovernment: {
    departmentCount: departments.length,
    districtCount: districts.length,
    communeCount: 199,
    oneStopDepartments: departments.length,
    oneStopDistricts: districts.length,
    oneStopCommunes,
    dmsDepartments: departments.length,
    dmsDistricts: districts.length,
    dmsCommunes: 199,
    publicAdministrationCentre: false,
    publicAdministrationCentreIt: 'Tỉnh chưa thành lập Trung tâm Hành chính công; Bộ phận tiếp nhận và trả kết quả của các sở, ngành, UBND cấp huyện, cấp xã sử dụng chung Hệ thống thông tin một cửa điện tử tỉnh.',
  },
  portal: {
    organizationInfo: 'complete',
    newsUpdate: 'daily',
    directionInfo: 'daily',
    legalDocuments: '90-100',
    strategiesPlans: 'complete',
    procedureGuidance: 'complete',
    researchProgrammes: 'incomplete',
    investmentProjects: 'complete',
    spokesperson: true,
    consultation: true,
    qaFunction: true,
    searchFunction: true,
    sitemap: true,
    rss: true,
    unicode: true,
    multiBrowser: true,
    mobileVersion: true,
    accessibility: false,
    foreignLanguage: true,
  },
  portals,
  dvc: {
    totalProcedures: 1826,
    level12Count: 1500,
    level3Count: level3,
    level4Count: level4,
    services,
    postalService: 'UBND tỉnh đã ký kết thỏa thuận với Bưu điện tỉnh Cao Bằng về tiếp nhận hồ sơ, trả kết quả giải quyết thủ tục hành chính qua dịch vụ bưu chính công ích; từ 01/01/2019 đến 31/10/2019 có 3.214 hồ sơ được trả kết quả qua bưu điện.',
    encouragement: 'Tuyên truyền trên Báo Cao Bằng, Đài Phát thanh - Truyền hình tỉnh; hướng dẫn trực tiếp tại bộ phận một cửa; giảm thời gian giải quyết đối với hồ sơ nộp trực tuyến.',
  },
  policies: {
    itPlanPeriod: true,
    itPlanPeriodDocument: 'Kế hoạch số 2895/KH-UBND ngày 29/9/2016',
    itPlanYear: true,
    itPlanYearDocument: 'Kế hoạch số 3468/KH-UBND ngày 28/12/2018',
    architecture: true,
    architectureDocument: 'Quyết định số 1209/QĐ-UBND ngày 26/8/2016',
    securityRegulation: true,
    securityRegulationDocument: 'Quyết định số 12/2018/QĐ-UBND ngày 02/5/2018',
    dmsRegulation: true,
    dmsRegulationDocument: 'Quyết định số 28/2017/QĐ-UBND ngày 22/11/2017',
    digitalSignatureRegulation: true,
    digitalSignatureRegulationDocument: 'Quyết định số 14/2019/QĐ-UBND ngày 12/4/2019',
    staffIncentive: false,
    emulationLink: true,
    emulationLinkDocument: 'Quyết định số 1513/QĐ-UBND ngày 25/10/2018',
    incidentResponseTeam: true,
    assessment: 'Hệ thống văn bản về ứng dụng CNTT tương đối đầy đủ; còn thiếu chính sách hỗ trợ cán bộ chuyên trách CNTT.',
  },
  itStaff: {
    total: 112,
    doctorate: 0,
    master: 14,
    bachelor: 81,
    college: 9,
    vocational: 6,
    other: 2,
    advantages: 'Mỗi sở, ngành và UBND cấp huyện đều bố trí ít nhất 01 cán bộ phụ trách CNTT.',
    difficulties: 'Cán bộ chuyên trách CNTT cấp xã phần lớn kiêm nhiệm; chế độ đãi ngộ chưa đủ hấp dẫn để thu hút nhân lực có trình độ cao.',
  },
  planResults: [
    { name: 'Nâng cấp Hệ thống quản lý văn bản và điều hành kết nối Trục liên thông văn bản quốc gia', plannedTime: 'Quý I/2019', actualTime: 'Tháng 3/2019', completion: 100 },
    { name: 'Xây dựng Cổng dịch vụ công và Hệ thống thông tin một cửa điện tử tỉnh', plannedTime: 'Quý II/2019', actualTime: 'Tháng 6/2019 – tháng 10/2019', completion: 100 },
    { name: 'Xây dựng Nền tảng tích hợp, chia sẻ dữ liệu (LGSP) tỉnh', plannedTime: 'Năm 2019', actualTime: 'Tháng 5/2019 – tháng 10/2019', completion: 90 },
    { name: 'Cơ sở dữ liệu đất đai tỉnh (giai đoạn 1)', plannedTime: 'Năm 2019', actualTime: 'Tháng 7/2019', completion: 40 },
    { name: 'Triển khai chữ ký số chuyên dùng cho cán bộ lãnh đạo cấp xã', plannedTime: 'Quý III/2019', actualTime: 'Tháng 9/2019', completion: 75 },
    { name: 'Đào tạo an toàn thông tin cho cán bộ chuyên trách CNTT', plannedTime: 'Quý III/2019', actualTime: 'Tháng 8/2019', completion: 100 },
    { name: 'Xây dựng Trung tâm giám sát, điều hành đô thị thông minh', plannedTime: 'Quý IV/2019', completion: 0, reason: 'Chưa được bố trí vốn đầu tư công năm 2019' },
    { name: 'Nâng cấp trang thiết bị phòng máy chủ tỉnh', plannedTime: 'Quý IV/2019', completion: 20, reason: 'Đang thực hiện thủ tục lựa chọn nhà thầu' },
  ],
  nextYearPlan: [
    { name: 'Xây dựng Trung tâm giám sát, điều hành đô thị thông minh tỉnh Cao Bằng', time: 'Năm 2020 – 2021', fundingProject: 15000000000 },
    { name: 'Cập nhật Kiến trúc Chính quyền điện tử tỉnh Cao Bằng phiên bản 2.0', time: 'Quý I – quý II/2020', fundingRegular: 850000000 },
    { name: 'Nâng cấp Cổng dịch vụ công tỉnh, tích hợp thanh toán trực tuyến', time: 'Năm 2020', fundingRegular: 1200000000 },
    { name: 'Thuê dịch vụ giám sát an toàn thông tin (SOC)', time: 'Năm 2020', fundingRegular: 960000000 },
    { name: 'Cơ sở dữ liệu đất đai tỉnh (giai đoạn 2)', time: 'Năm 2020 – 2022', fundingProject: 28000000000, fundingOther: 5000000000 },
    { name: 'Đào tạo kỹ năng CNTT cho cán bộ, công chức cấp xã', time: 'Quý III/2020', fundingOther: 300000000 },
  ],
  nextYearServices: services.filter((s) => s.plannedLevel === 4 && s.currentLevel !== 4).slice(0, 12).map((s) => ({ name: s.name, plannedLevel: 4 })),
  signature: { place: 'Cao Bằng', date: '2019-11-28', preparerName: 'Nông Thị Thanh Huyền', headName: 'Hoàng Văn An' },
  evidence: {
    '/portal/organizationInfo': 'https://caobang.gov.vn/gioi-thieu',
    '/portal/newsUpdate': 'https://caobang.gov.vn/tin-tuc-su-kien',
    '/portal/directionInfo': 'https://caobang.gov.vn/chi-dao-dieu-hanh',
    '/portal/legalDocuments': 'https://caobang.gov.vn/van-ban',
    '/portal/strategiesPlans': 'https://caobang.gov.vn/quy-hoach-ke-hoach',
    '/portal/procedureGuidance': 'https://dichvucong.caobang.gov.vn',
    '/portal/researchProgrammes': 'https://caobang.gov.vn/khoa-hoc-cong-nghe',
    '/portal/investmentProjects': 'https://caobang.gov.vn/du-an-dau-tu',
    '/portal/qaFunction': 'https://caobang.gov.vn/hoi-dap',
  },
};

const out = join(dirname(fileURLToPath(import.meta.url)), 'province.json');
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`wrote ${out}: ${services.length} services (level 3: ${level3}, level 4: ${level4})`);
