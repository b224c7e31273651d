import type { EntityManager } from '@mikro-orm/knex';

import { clock } from '../core/clock';
import { MailOutbox } from '../mail/mail-outbox.entity';
import { renderMail } from '../mail/templates';
import { PACKS } from '../packs/pack.catalog';
import type { User } from './user.entity';

/** Renders a template of `templates/mail/` and stores the message in the outbox. */
function enqueue(
  em: EntityManager,
  user: User,
  template: string,
  context: Record<string, unknown> = {},
) {
  const { subject, body } = renderMail(template, {
    fullName: user.fullName,
    email: user.email,
    ...context,
  });
  const mail = em.create(MailOutbox, {
    userId: user.id,
    recipient: user.email,
    template,
    subject,
    body,
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
    return enqueue(em, user, 'account-approved', { packLabel: PACKS[user.pack].label });
  },

  rejected(em: EntityManager, user: User, reason: string): MailOutbox {
    return enqueue(em, user, 'account-rejected', { reason });
  },

  // NOTE: the temporary password sits in clear in the outbox body until the message is
  // sent; the sender should blank the body once the message is delivered.
  temporaryPassword(em: EntityManager, user: User, password: string, created: boolean) {
    return enqueue(em, user, created ? 'account-created' : 'password-reset', { password });
  },
};
