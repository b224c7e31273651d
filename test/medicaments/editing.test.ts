import type { GraphQLClient } from 'graphql-request';

import { AuditAction, AuditLog } from '../../src/auth/audit-log.entity';
import { User } from '../../src/auth/user.entity';
import { Medicament } from '../../src/medicaments/medicament.entity';
import { PackCode } from '../../src/packs/pack.catalog';
import {
  CreateMedicamentDocument,
  DeleteMedicamentDocument,
  MedicamentDocument,
  MedicamentsDocument,
  MedicamentsTotalDocument,
  RestoreMedicamentDocument,
  UpdateMedicamentDocument,
  type MedicamentInput,
} from '../generated/operations';
import { tokenForPack } from '../support/factories';
import { expectGraphQLError } from '../support/graphql';
import { REAL_VERSION, startServerWithRealWorkbook } from '../support/nomenclature';
import { ADMIN_EMAIL, REAL_WORKBOOK, TestServer } from '../support/server';
import { uploadWorkbook } from '../support/upload';

const NEXT_VERSION = '2025-08-31';

const NEW_ROW: MedicamentInput = {
  numEnregistrement: '123/45 Z 678/25',
  nomMarque: 'DOLIPRANE ÉTÉ',
  dci: 'PARACÉTAMOL',
  forme: 'COMPRIME',
  dosage: '500MG',
  conditionnement: 'B/16',
  liste: 'LISTE_II',
  laboratoire: 'Laboratoire Été',
  paysLaboratoire: 'ALGÉRIE',
  dateEnregistrementInitial: '2025-08-01',
  typeMedicament: 'GE',
  statut: 'F',
};

describe('medicament editing', () => {
  let server: TestServer;
  let admin: GraphQLClient;
  let adminId: number;

  const auditOf = (action: AuditAction) =>
    server.services.orm.em.fork().find(AuditLog, { action }, { orderBy: { id: 'desc' } });
  const storedRow = (id: string | number) =>
    server.services.orm.em.fork().findOneOrFail(Medicament, Number(id));
  const searchTotal = async (client: GraphQLClient, q: string) =>
    (await client.request(MedicamentsTotalDocument, { filter: { q } })).medicaments.total;

  beforeAll(async () => {
    server = await startServerWithRealWorkbook();
    admin = server.client({ token: await server.adminToken() });
    const upload = await uploadWorkbook(server, REAL_WORKBOOK, {
      token: await server.adminToken(),
      version: NEXT_VERSION,
    });
    if (upload.status !== 201) throw new Error(`import failed: ${JSON.stringify(upload.body)}`);
    adminId = (await server.services.orm.em.fork().findOneOrFail(User, { email: ADMIN_EMAIL })).id;
  });

  afterAll(async () => {
    await server.close();
  });

  describe('createMedicament', () => {
    let created: Awaited<ReturnType<typeof createRow>>;

    async function createRow() {
      return (await admin.request(CreateMedicamentDocument, { input: NEW_ROW })).createMedicament;
    }

    beforeAll(async () => {
      created = await createRow();
    });

    it('adds the row to the current version', () => {
      expect(created.version).toBe(NEXT_VERSION);
      expect(created.categorie).toBe('NOMENCLATURE');
      expect(created.sheetRow).toBe(0);
      expect(created.nomMarque).toBe('DOLIPRANE ÉTÉ');
      expect(created.liste).toBe('LISTE_II');
      expect(created.listeRaw).toBe('LISTE II');
      expect(created.dateEnregistrementInitial).toBe('2025-08-01');
    });

    it('makes the row searchable without accents', async () => {
      expect(await searchTotal(admin, 'doliprane ete')).toBe(1);
      expect(await searchTotal(admin, 'laboratoire ete')).toBe(1);
    });

    it('records who created it', async () => {
      const row = await storedRow(created.id);
      const [audit] = await auditOf(AuditAction.MEDICAMENT_CREATED);

      expect(row.createdById).toBe(adminId);
      expect(row.updatedById).toBe(adminId);
      expect(audit.actorId).toBe(adminId);
      expect(audit.details?.medicamentIds).toEqual([Number(created.id)]);
    });

    it('rejects the same number and presentation twice', async () => {
      await expectGraphQLError(createRow(), 'CONFLICT');
    });
  });

  describe('validation', () => {
    it('lists every invalid field', async () => {
      const input = { ...NEW_ROW, nomMarque: '  ', dateEnregistrementFinal: '2025-02-30' };

      const error = await expectGraphQLError(
        admin.request(CreateMedicamentDocument, { input }),
        'BAD_USER_INPUT',
      );

      const fields = (error.extensions.fields as { field: string }[]).map((entry) => entry.field);
      expect(fields).toEqual(['nomMarque', 'dateEnregistrementFinal']);
      expect(error.message).toContain('AAAA-MM-JJ');
    });

    it('rejects an unknown enum value', async () => {
      const input = { ...NEW_ROW, typeMedicament: 'PRINCEPS' } as unknown as MedicamentInput;

      await expectGraphQLError(
        admin.request(CreateMedicamentDocument, { input }),
        'BAD_USER_INPUT',
      );
    });

    it('rejects emptying a required field', async () => {
      const page = await admin.request(MedicamentsDocument, { pageSize: 1 });

      const error = await expectGraphQLError(
        admin.request(UpdateMedicamentDocument, {
          id: page.medicaments.items[0].id,
          input: { dci: null },
        }),
        'BAD_USER_INPUT',
      );

      expect(error.extensions.fields).toEqual([{ field: 'dci', message: 'dci est obligatoire' }]);
    });

    it('rejects a row of an older version', async () => {
      const old = await admin.request(MedicamentsDocument, {
        filter: { version: REAL_VERSION },
        pageSize: 1,
      });

      const error = await expectGraphQLError(
        admin.request(UpdateMedicamentDocument, {
          id: old.medicaments.items[0].id,
          input: { obs: 'modifié' },
        }),
        'BAD_USER_INPUT',
      );

      expect(error.extensions.field).toBe('id');
    });
  });

  describe('updateMedicament', () => {
    it('changes the given fields and their search columns', async () => {
      const page = await admin.request(MedicamentsDocument, {
        filter: { q: 'ARTIZ' },
        pageSize: 1,
      });
      const before = page.medicaments.items[0];

      const { updateMedicament } = await admin.request(UpdateMedicamentDocument, {
        id: before.id,
        input: { laboratoire: 'Société Nouvelle', typeMedicament: 'RE' },
      });

      expect(updateMedicament.laboratoire).toBe('Société Nouvelle');
      expect(updateMedicament.typeMedicament).toBe('RE');
      expect(updateMedicament.typeMedicamentRaw).toBe('RE');
      expect(updateMedicament.nomMarque).toBe(before.nomMarque);
      expect(await searchTotal(admin, 'societe nouvelle')).toBe(1);
    });

    it('records the changed values', async () => {
      const [audit] = await auditOf(AuditAction.MEDICAMENT_UPDATED);
      const row = await storedRow((audit.details?.medicamentIds as number[])[0]);

      expect(audit.actorId).toBe(adminId);
      expect(audit.details?.changes).toEqual([
        {
          field: 'laboratoire',
          before: 'EL KENDI INDUSTRIE DU MEDICAMENT',
          after: 'Société Nouvelle',
        },
        { field: 'typeMedicament', before: 'GE', after: 'RE' },
      ]);
      expect(row.updatedById).toBe(adminId);
    });
  });

  describe('deleteMedicament and restoreMedicament', () => {
    let id: string;
    let pharmacy: GraphQLClient;
    let matching: number;

    beforeAll(async () => {
      pharmacy = server.client({ token: await tokenForPack(server, PackCode.PRO) });
      const page = await admin.request(MedicamentsDocument, {
        filter: { q: 'CETIRIPEX' },
        pageSize: 1,
      });
      id = page.medicaments.items[0].id;
      matching = page.medicaments.total;
    });

    it('hides a deleted row from every caller', async () => {
      const { deleteMedicament } = await admin.request(DeleteMedicamentDocument, { id });

      expect(deleteMedicament.deletedAt).not.toBeNull();
      expect(await searchTotal(admin, 'CETIRIPEX')).toBe(matching - 1);
      expect(await searchTotal(pharmacy, 'CETIRIPEX')).toBe(matching - 1);
      await expectGraphQLError(pharmacy.request(MedicamentDocument, { id }), 'NOT_FOUND');
      expect((await storedRow(id)).deletedById).toBe(adminId);
    });

    it('shows a deleted row to an admin who asks', async () => {
      const result = await admin.request(MedicamentsTotalDocument, {
        filter: { q: 'CETIRIPEX', includeDeleted: true },
      });

      expect(result.medicaments.total).toBe(matching);
    });

    it('rejects deleting twice', async () => {
      await expectGraphQLError(admin.request(DeleteMedicamentDocument, { id }), 'CONFLICT');
    });

    it('restores a deleted row', async () => {
      const { restoreMedicament } = await admin.request(RestoreMedicamentDocument, { id });

      expect(restoreMedicament.deletedAt).toBeNull();
      expect(await searchTotal(pharmacy, 'CETIRIPEX')).toBe(matching);
      expect((await auditOf(AuditAction.MEDICAMENT_RESTORED))[0].actorId).toBe(adminId);
    });

    it('rejects restoring a live row', async () => {
      await expectGraphQLError(admin.request(RestoreMedicamentDocument, { id }), 'CONFLICT');
    });
  });

  describe('access', () => {
    it('rejects a non-admin', async () => {
      const hospital = server.client({
        token: await tokenForPack(server, PackCode.INSTITUTIONNEL),
      });

      const error = await expectGraphQLError(
        hospital.request(CreateMedicamentDocument, { input: NEW_ROW }),
        'FORBIDDEN',
      );

      expect(error.extensions.reason).toBe('ROLE');
    });

    it('rejects an unauthenticated caller', async () => {
      await expectGraphQLError(
        server.client().request(DeleteMedicamentDocument, { id: '1' }),
        'UNAUTHENTICATED',
      );
    });
  });
});
