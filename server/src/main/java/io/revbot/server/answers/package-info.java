/**
 * What every answer goes through before anyone sees it, whichever channel it leaves by: {@link
 * io.revbot.server.answers.AnswerLinks} keeps images and links to unknown hosts from carrying data out.
 */
package io.revbot.server.answers;
