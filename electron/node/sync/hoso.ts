import type Database from 'better-sqlite3';
import { toNationalTime } from '../../common/domain/intake';
import { failure } from '../../common/ipc/result';
import { getProcedure } from '../catalog/catalog-repo';
import { deliveryOf } from '../intake/delivery-repo';
import { dossierForPayload, type PayloadDossier } from '../intake/dossier-repo';

/**
 * The dossier as the contract's PUT body (§3.2): national field names and codes, every value a
 * string, dates yyyyMMddHHmmss in Asia/Ho_Chi_Minh. Built from the stored rows only and with a
 * fixed key order, so a retry sends the very same bytes.
 */
export function buildHoSo(db: Database.Database, dossierId: number): Record<string, unknown> {
  const stored = dossierForPayload(db, dossierId);
  if (!stored) throw failure('not_found', 'sync.noDossier', { id: dossierId });
  const { dossier: d, documents: docs, scans: files, fees } = stored;
  const proc = getProcedure(db, d.ma_tthc);
  const delivery = deliveryOf(db, d.id);
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
    MaLinhVuc: proc?.maLinhVuc ?? '',
    TenLinhVuc: proc?.tenLinhVuc ?? '',
    KenhThucHien: d.kenh_thuc_hien,
    ChuHoSo: d.chu_ho_so,
    LoaiDoiTuong: d.loai_doi_tuong,
    SoGiayToChuHoSo: d.so_giay_to ?? '',
    DinhDanhCHS: applicantIdentifiers(d),
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
    DanhSachLePhi: fees.map((f) => ({ TenPhiLePhi: f.ten, MaPhiLePhi: f.ma_phi, HinhThucThu: '1', Gia: String(f.amount_vnd), ...(f.loai ? { LoaiPhiLePhi: f.loai } : {}) })),
    // Optional national fields (domain doc §2.2), sent when this counter knows them: a dossier
    // received at a counter is never paid on a portal (0), the return method is the applicant's
    // choice on Mẫu 01, the processing agency is the catalog's. NoiNopHoSo is left out: its codes
    // are unconfirmed and a guessed code would misreport where the dossier was submitted.
    DuocThanhToanTrucTuyen: '0',
    HinhThuc: delivery.method,
    ...(proc?.coQuan ? { DonViXuLy: proc.coQuan } : {}),
    NguoiTiepNhan: receivingOfficer(d),
    MaQuay: d.counter_id,
  };
}

/**
 * DinhDanhCHS (domain doc §2.2): `1` = the 12-digit personal ID, `2` = the 9-digit CMND. Only a
 * citizen (LoaiDoiTuong 1) has one — an organisation's number is no personal ID. A CMND identifies
 * the applicant only on a dossier received while it was valid, before 01/01/2025 (Luật Căn cước
 * 2023, Điều 46); on a later dossier (saved before intake refused it) it stays in SoGiayToChuHoSo
 * as written, and no identity is claimed for it.
 */
function applicantIdentifiers(d: Pick<PayloadDossier['dossier'], 'so_giay_to' | 'loai_doi_tuong' | 'ngay_tiep_nhan'>): Array<{ LoaiDinhDanh: string; SoDinhDanh: string }> {
  const id = d.so_giay_to?.trim();
  if (d.loai_doi_tuong !== '1' || !id) return [];
  if (/^\d{12}$/.test(id)) return [{ LoaiDinhDanh: '1', SoDinhDanh: id }];
  if (/^\d{9}$/.test(id) && d.ngay_tiep_nhan.slice(0, 10) < '2025-01-01') return [{ LoaiDinhDanh: '2', SoDinhDanh: id }];
  return [];
}

/**
 * Contract §3.2: the receiving officer's id. Rows from before officer accounts hold no officer, and
 * the server requires the field: those name their counter instead.
 */
function receivingOfficer(d: Pick<PayloadDossier['dossier'], 'officer_id' | 'counter_id'>): string {
  return d.officer_id?.trim() ? d.officer_id : `quay:${d.counter_id}`;
}
