import type Database from 'better-sqlite3';
import { toNationalTime } from '../../common/domain/intake';

interface DossierRow {
  id: number;
  ma_ho_so: string;
  ma_tthc: string;
  ten_tthc: string;
  counter_id: string;
  officer_id: string | null;
  kenh_thuc_hien: string;
  loai_doi_tuong: string;
  chu_ho_so: string;
  so_giay_to: string | null;
  ngay_sinh: string | null;
  gioi_tinh: string | null;
  dia_chi: string | null;
  so_dien_thoai: string | null;
  email: string | null;
  trich_yeu: string | null;
  ngay_tiep_nhan: string;
  ngay_hen_tra: string | null;
  trang_thai: string;
}

/**
 * The dossier as the contract's PUT body (§3.2): national field names and codes, every value a
 * string, dates yyyyMMddHHmmss in Asia/Ho_Chi_Minh. Built from the stored rows only and with a
 * fixed key order, so a retry sends the very same bytes.
 */
export function buildHoSo(db: Database.Database, dossierId: number): Record<string, unknown> {
  const d = db.prepare('SELECT * FROM dossiers WHERE id = ?').get(dossierId) as DossierRow;
  const proc = db.prepare('SELECT ma_linh_vuc, ten_linh_vuc FROM procedures WHERE ma_tthc = ?').get(d.ma_tthc) as { ma_linh_vuc: string | null; ten_linh_vuc: string | null } | undefined;
  const docs = db.prepare('SELECT ma_thanh_phan, ten, originals, copies FROM dossier_documents WHERE dossier_id = ? ORDER BY position').all(d.id) as Array<{
    ma_thanh_phan: string;
    ten: string;
  }>;
  const files = db
    .prepare("SELECT id, ma_thanh_phan, file_name, upload_url FROM attachments WHERE dossier_id = ? AND kind = 'scan' ORDER BY id")
    .all(d.id) as Array<{ id: number; ma_thanh_phan: string | null; file_name: string; upload_url: string | null }>;
  const fees = db.prepare('SELECT ma_phi, ten, amount_vnd FROM dossier_fees WHERE dossier_id = ? ORDER BY position').all(d.id) as Array<{
    ma_phi: string;
    ten: string;
    amount_vnd: number;
  }>;
  const idType = d.so_giay_to && /^\d{12}$/.test(d.so_giay_to) ? '1' : d.so_giay_to && /^\d{9}$/.test(d.so_giay_to) ? '2' : null;
  const taiLieu = [
    ...files.map((f) => ({
      TepDinhKemId: String(f.id),
      TenTepDinhKem: f.file_name,
      IsDeleted: '0',
      MaThanhPhanHoSo: f.ma_thanh_phan ?? '',
      DuongDanTaiTepTin: f.upload_url ?? '',
      DuocSoHoa: '1',
      DuocTaiSuDung: '0',
      DuocLayTuKhoDMQG: '0',
    })),
    // Paper components received without a scan still belong to the dossier.
    ...docs
      .filter((doc) => !files.some((f) => f.ma_thanh_phan === doc.ma_thanh_phan))
      .map((doc) => ({ TepDinhKemId: '', TenTepDinhKem: doc.ten, IsDeleted: '0', MaThanhPhanHoSo: doc.ma_thanh_phan, DuongDanTaiTepTin: '', DuocSoHoa: '0', DuocTaiSuDung: '0', DuocLayTuKhoDMQG: '0' })),
  ];
  return {
    MaHoSo: d.ma_ho_so,
    MaTTHC: d.ma_tthc,
    TenTTHC: d.ten_tthc,
    MaLinhVuc: proc?.ma_linh_vuc ?? '',
    TenLinhVuc: proc?.ten_linh_vuc ?? '',
    KenhThucHien: d.kenh_thuc_hien,
    ChuHoSo: d.chu_ho_so,
    LoaiDoiTuong: d.loai_doi_tuong,
    SoGiayToChuHoSo: d.so_giay_to ?? '',
    DinhDanhCHS: idType ? [{ LoaiDinhDanh: idType, SoDinhDanh: d.so_giay_to }] : [],
    DiaChiChuHoSo: d.dia_chi ?? '',
    NgaySinhChuHoSo: d.ngay_sinh ? d.ngay_sinh.replace(/-/g, '') : '',
    GioiTinhChuHoSo: d.gioi_tinh ?? '',
    SoDienThoai: d.so_dien_thoai ?? '',
    Email: d.email ?? '',
    TrichYeuHoSo: (d.trich_yeu ?? d.ten_tthc).slice(0, 1000),
    NgayNopHoSo: toNationalTime(d.ngay_tiep_nhan),
    NgayTiepNhan: toNationalTime(d.ngay_tiep_nhan),
    NgayHenTra: d.ngay_hen_tra ? toNationalTime(d.ngay_hen_tra) : '',
    TrangThaiHoSo: d.trang_thai,
    HoSoCoThanhPhanSoHoa: files.length ? '1' : '0',
    TaiLieuNop: taiLieu,
    DanhSachLePhi: fees.map((f) => ({ TenPhiLePhi: f.ten, MaPhiLePhi: f.ma_phi, HinhThucThu: '1', Gia: String(f.amount_vnd), LoaiPhiLePhi: '1' })),
    NguoiTiepNhan: receivingOfficer(d),
    MaQuay: d.counter_id,
  };
}

/**
 * Contract §3.2: the receiving officer's id. Rows from before officer accounts hold no officer, and
 * the server requires the field: those name their counter instead.
 */
function receivingOfficer(d: Pick<DossierRow, 'officer_id' | 'counter_id'>): string {
  return d.officer_id?.trim() ? d.officer_id : `quay:${d.counter_id}`;
}
