import type { EntityManager } from '@mikro-orm/knex';

import { clock } from '../core/clock';
import { MailOutbox } from '../mail/mail-outbox.entity';
import { PACKS } from '../packs/pack.catalog';
import type { User } from './user.entity';

const SIGNATURE = "\n\nL'équipe NPP — Nomenclature nationale des produits pharmaceutiques";

function greeting(user: User): string {
  return user.fullName ? `Bonjour ${user.fullName},` : 'Bonjour,';
}

function enqueue(em: EntityManager, user: User, template: string, subject: string, body: string) {
  const mail = em.create(MailOutbox, {
    userId: user.id,
    recipient: user.email,
    template,
    subject,
    body: `${greeting(user)}\n\n${body}${SIGNATURE}`,
    createdAt: clock.now(),
  });
  em.persist(mail);
  return mail;
}

/**
 * Writes account messages to the mail outbox, in the unit of work of `em`, so each one is
 * stored with the change it reports. Sending them is the mail sender's job.
 */
export const accountMails = {
  approved(em: EntityManager, user: User): MailOutbox {
    return enqueue(
      em,
      user,
      'account-approved',
      'Votre compte NPP est activé',
      `Votre demande d'accès à NPP a été acceptée (pack ${PACKS[user.pack].label}).\n` +
        `Vous pouvez vous connecter avec l'adresse ${user.email}.`,
    );
  },

  rejected(em: EntityManager, user: User, reason: string): MailOutbox {
    return enqueue(
      em,
      user,
      'account-rejected',
      "Votre demande d'accès à NPP",
      `Votre demande d'accès à NPP n'a pas été acceptée.\nMotif : ${reason}`,
    );
  },

  // NOTE: the temporary password sits in clear in the outbox body until the message is
  // sent; the sender should blank the body once the message is delivered.
  temporaryPassword(em: EntityManager, user: User, password: string, created: boolean) {
    const intro = created
      ? 'Un administrateur a créé votre compte NPP.'
      : 'Un administrateur a réinitialisé votre mot de passe NPP.';
    return enqueue(
      em,
      user,
      created ? 'account-created' : 'password-reset',
      created ? 'Votre compte NPP est créé' : 'Réinitialisation de votre mot de passe NPP',
      `${intro}\nMot de passe temporaire : ${password}\n` +
        'Connectez-vous avec ce mot de passe puis changez-le aussitôt.',
    );
  },
};
