/** The first admin of every test and bench counter (apart from the host helper, so a cold start need not load the host). */
export const ADMIN = { username: 'quantri', fullName: 'Quản Trị Viên', password: 'mat-khau-quan-tri' };
