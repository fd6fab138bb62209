/** RevBot bench module. */
package io.revbot.bench;
